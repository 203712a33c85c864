/**
 * Applies prices in batches so the progress bar shows real progress. Each batch is one
 * request the server runs under its apply lock; a refusal (another apply running, a product
 * that changed) stops at once and says how far it got: the batches before it are applied,
 * nothing after it is.
 */
import { computed, ref, shallowRef } from 'vue';
import type { ApplyResponse } from '../../../server/admin/api-types';
import { ApiError, isConflict, messageOf } from '../api/errors';

export type ApplyState = 'idle' | 'running' | 'done' | 'failed';

/** Splits `items` into about `steps` batches (never more than maxSize items each). */
export function batches<T>(items: T[], steps = 10, maxSize = 25): T[][] {
  const size = Math.max(1, Math.min(maxSize, Math.ceil(items.length / steps)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function mergeResults(a: ApplyResponse | null, b: ApplyResponse): ApplyResponse {
  if (!a) return b;
  return { created: a.created + b.created, updated: a.updated + b.updated, groupId: a.groupId || b.groupId, products: [...a.products, ...b.products] };
}

export function useApply() {
  const state = ref<ApplyState>('idle');
  const done = ref(0);
  const total = ref(0);
  const result = shallowRef<ApplyResponse | null>(null);
  const error = ref<string | null>(null);
  const conflict = ref(false);
  const percent = computed(() => (total.value ? Math.round((done.value / total.value) * 100) : 0));

  /**
   * Runs `send` for each batch in order; `send` gets the previous batches' merged result
   * (e.g. to put later batches into the group the first one created).
   */
  async function run<T>(items: T[], send: (batch: T[], soFar: ApplyResponse | null) => Promise<ApplyResponse>): Promise<boolean> {
    // One apply at a time from this page: a double click must not start a second one.
    if (state.value === 'running') return false;
    state.value = 'running';
    done.value = 0;
    total.value = items.length;
    result.value = null;
    error.value = null;
    conflict.value = false;
    try {
      for (const batch of batches(items)) {
        result.value = mergeResults(result.value, await send(batch, result.value));
        done.value += batch.length;
      }
      state.value = 'done';
      return true;
    } catch (e) {
      conflict.value = isConflict(e);
      const reason = messageOf(e);
      error.value = done.value === 0
        ? `Nothing was applied: ${reason}`
        : `Stopped after ${done.value} of ${total.value} products: ${reason} The ${done.value} products listed below were applied; the others were not changed.`;
      if (e instanceof ApiError && e.code === 'unauthorized') error.value += ' Sign in again to continue.';
      state.value = 'failed';
      return false;
    }
  }

  function reset(): void {
    state.value = 'idle';
    done.value = 0;
    total.value = 0;
    result.value = null;
    error.value = null;
    conflict.value = false;
  }

  return { state, done, total, percent, result, error, conflict, run, reset };
}
