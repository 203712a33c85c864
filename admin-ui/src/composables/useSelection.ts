/**
 * A filtered list with a selection kept by key, so it survives filtering and reloading;
 * "select all" acts on the rows the filter shows. Used by the import product table and the
 * re-price product list.
 */
import { computed, ref, watch, type Ref } from 'vue';

export function useSelection<T, F extends object>(items: Ref<T[]>, key: (item: T) => string, match: (item: T, filter: F) => boolean, emptyFilter: () => F) {
  const filter = ref(emptyFilter()) as Ref<F>;
  const selected = ref(new Set<string>());

  const visible = computed(() => items.value.filter((x) => match(x, filter.value)));
  const total = computed(() => items.value.length);
  const selectedItems = computed(() => items.value.filter((x) => selected.value.has(key(x))));
  const allVisibleSelected = computed(() => visible.value.length > 0 && visible.value.every((x) => selected.value.has(key(x))));
  const someVisibleSelected = computed(() => !allVisibleSelected.value && visible.value.some((x) => selected.value.has(key(x))));

  // A reload may drop items (a supplier failed or retired a product): never keep a ghost selection.
  watch(items, (list) => {
    const keys = new Set(list.map(key));
    const kept = [...selected.value].filter((k) => keys.has(k));
    if (kept.length !== selected.value.size) selected.value = new Set(kept);
  });

  function toggle(k: string): void {
    const next = new Set(selected.value);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    selected.value = next;
  }

  function toggleAllVisible(): void {
    const next = new Set(selected.value);
    const select = !allVisibleSelected.value;
    for (const x of visible.value) {
      if (select) next.add(key(x));
      else next.delete(key(x));
    }
    selected.value = next;
  }

  function clearFilter(): void {
    filter.value = emptyFilter();
  }

  return { filter, selected, visible, total, selectedItems, allVisibleSelected, someVisibleSelected, toggle, toggleAllVisible, clearFilter };
}
