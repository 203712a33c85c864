/**
 * A value loaded from the API with its loading flag and error message: the pattern every
 * page repeats. The latest call wins, so a slow earlier answer never overwrites a newer one.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { messageOf } from '../api/errors';

export interface AsyncValue<T, A extends unknown[]> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  run: (...args: A) => Promise<T | null>;
}

export function useAsync<T, A extends unknown[]>(fn: (...args: A) => Promise<T>): AsyncValue<T, A> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function run(...args: A): Promise<T | null> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await fn(...args);
      if (mine === generation) data.value = value;
      return value;
    } catch (e) {
      if (mine === generation) error.value = messageOf(e);
      return null;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { data, loading, error, run };
}
