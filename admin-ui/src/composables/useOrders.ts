/**
 * The orders list: filters in the URL query (so a filtered view can be reloaded and shared
 * within the session), paging, and a short pause while the admin types a search.
 */
import { computed, ref, watch } from 'vue';
import type { LocationQuery } from 'vue-router';
import type { OrderListResponse } from '../../../server/admin/api-types';
import { api } from '../api/endpoints';
import { useAsync } from './useAsync';

export const PAGE_SIZE = 50;

export interface OrderFilters {
  state: string;
  supplier: string;
  q: string;
  page: number;
}

export function filtersFromQuery(query: LocationQuery): OrderFilters {
  const one = (v: unknown) => (typeof v === 'string' ? v : '');
  const page = Number.parseInt(one(query.page), 10);
  return { state: one(query.state), supplier: one(query.supplier), q: one(query.q), page: Number.isFinite(page) && page > 1 ? page : 1 };
}

export function filtersToQuery(f: OrderFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.state) q.state = f.state;
  if (f.supplier) q.supplier = f.supplier;
  if (f.q.trim()) q.q = f.q.trim();
  if (f.page > 1) q.page = String(f.page);
  return q;
}

export function useOrders(initial: OrderFilters) {
  const filters = ref<OrderFilters>({ ...initial });
  const list = useAsync((f: OrderFilters) =>
    api.orders({ state: f.state || undefined, supplier: f.supplier || undefined, q: f.q.trim() || undefined, page: f.page, pageSize: PAGE_SIZE }),
  );
  const pages = computed(() => Math.max(1, Math.ceil((list.data.value?.total ?? 0) / PAGE_SIZE)));

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    filters,
    (now, before) => {
      clearTimeout(timer);
      const typing = before && now.q !== before.q;
      timer = setTimeout(() => void list.run({ ...now }), typing ? 300 : 0);
    },
    { deep: true },
  );

  function setFilter(patch: Partial<Omit<OrderFilters, 'page'>>): void {
    filters.value = { ...filters.value, ...patch, page: 1 };
  }

  return {
    filters,
    setFilter,
    orders: computed<OrderListResponse['orders']>(() => list.data.value?.orders ?? []),
    total: computed(() => list.data.value?.total ?? 0),
    pages,
    loading: list.loading,
    error: list.error,
    reload: () => list.run({ ...filters.value }),
  };
}
