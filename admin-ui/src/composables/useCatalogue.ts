/**
 * Loads the catalogues of several suppliers side by side, each with its own progress line.
 * A supplier that fails is named with the server's reason and can be retried; what the other
 * suppliers (and earlier loads) returned stays available.
 */
import { computed, ref, shallowRef } from 'vue';
import type { CatalogueProduct } from '../../../server/admin/api-types';
import { api } from '../api/endpoints';
import { messageOf } from '../api/errors';

export type LoadStatus = 'waiting' | 'loading' | 'loaded' | 'failed';

export interface SupplierLoad {
  code: string;
  name: string;
  status: LoadStatus;
  /** When the supplier was last asked (the stored copy's time unless refreshed). */
  loadedAt: string | null;
  count: number;
  error: string | null;
}

export function useCatalogue() {
  const loads = ref<SupplierLoad[]>([]);
  const bySupplier = shallowRef(new Map<string, CatalogueProduct[]>());

  const products = computed(() =>
    loads.value.filter((l) => bySupplier.value.has(l.code)).flatMap((l) => bySupplier.value.get(l.code) ?? []),
  );
  const busy = computed(() => loads.value.some((l) => l.status === 'loading' || l.status === 'waiting'));
  const failed = computed(() => loads.value.filter((l) => l.status === 'failed'));
  const finished = computed(() => loads.value.filter((l) => l.status === 'loaded' || l.status === 'failed').length);

  /** Loads every supplier in `suppliers` at once; refresh = ask the suppliers, not the stored copies. */
  async function load(suppliers: { code: string; displayName: string }[], refresh: boolean): Promise<void> {
    const previous = new Map(loads.value.map((l) => [l.code, l]));
    loads.value = suppliers.map((s) => ({
      code: s.code,
      name: s.displayName,
      status: 'waiting',
      loadedAt: previous.get(s.code)?.loadedAt ?? null,
      count: previous.get(s.code)?.count ?? 0,
      error: null,
    }));
    // Products of suppliers no longer chosen are dropped; the others stay until replaced.
    const kept = new Map([...bySupplier.value].filter(([code]) => suppliers.some((s) => s.code === code)));
    bySupplier.value = kept;
    await Promise.all(suppliers.map((s) => loadOne(s.code, refresh)));
  }

  async function retry(code: string): Promise<void> {
    await loadOne(code, true);
  }

  async function loadOne(code: string, refresh: boolean): Promise<void> {
    const entry = () => loads.value.find((l) => l.code === code);
    const start = entry();
    if (!start) return;
    start.status = 'loading';
    start.error = null;
    try {
      const res = await api.loadCatalogue({ supplier: code, refresh });
      const next = new Map(bySupplier.value);
      next.set(code, res.products);
      bySupplier.value = next;
      const done = entry();
      if (done) Object.assign(done, { status: 'loaded', loadedAt: res.loadedAt, count: res.products.length });
    } catch (e) {
      const failedEntry = entry();
      if (failedEntry) Object.assign(failedEntry, { status: 'failed', error: messageOf(e) });
    }
  }

  return { loads, products, busy, failed, finished, load, retry };
}
