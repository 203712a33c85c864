/**
 * The preview before any write: current vs new sell price for every product, term and
 * currency. Loss rows (sell below cost) block apply until the admin ticks the
 * acknowledgement; problems the server names (a currency with rate 0 …) block it outright.
 */
import { computed, ref, shallowRef } from 'vue';
import type { PreviewResponse, PriceRow } from '../../../server/admin/api-types';
import { messageOf } from '../api/errors';

export type RowFilter = 'all' | 'changed' | 'loss';

export function rowChanged(r: PriceRow): boolean {
  return r.currentSell === null || Number(r.currentSell) !== Number(r.newSell);
}

export function filterRows(rows: PriceRow[], filter: RowFilter): PriceRow[] {
  if (filter === 'loss') return rows.filter((r) => r.loss);
  if (filter === 'changed') return rows.filter(rowChanged);
  return rows;
}

export function usePreview<Req>(fetcher: (req: Req) => Promise<PreviewResponse>) {
  const preview = shallowRef<PreviewResponse | null>(null);
  /** The request the preview answers: apply sends exactly this, never newer form values. */
  const previewed = shallowRef<Req | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const acknowledged = ref(false);
  const rowFilter = ref<RowFilter>('all');

  const rows = computed(() => filterRows(preview.value?.rows ?? [], rowFilter.value));
  const needsAcknowledgement = computed(() => (preview.value?.lossCount ?? 0) > 0);
  /** Why apply is not possible yet, in the admin's words; empty = go. */
  const blockers = computed(() => {
    const p = preview.value;
    if (!p) return ['Run the preview first.'];
    const out = p.problems.map((x) => x.message);
    if (p.rows.length === 0) out.push('Nothing to apply: the preview has no prices.');
    if (needsAcknowledgement.value && !acknowledged.value) {
      const prices = `${p.lossCount} price${p.lossCount === 1 ? '' : 's'}`;
      out.push(`${prices} ${p.lossCount === 1 ? 'is' : 'are'} below cost: tick "I accept selling ${prices} below cost" under the table, or change the pricing.`);
    }
    return out;
  });

  async function run(req: Req): Promise<boolean> {
    loading.value = true;
    error.value = null;
    acknowledged.value = false;
    try {
      preview.value = await fetcher(req);
      previewed.value = req;
      rowFilter.value = preview.value.lossCount > 0 ? 'loss' : 'all';
      return true;
    } catch (e) {
      preview.value = null;
      previewed.value = null;
      error.value = messageOf(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  function reset(): void {
    preview.value = null;
    previewed.value = null;
    acknowledged.value = false;
    error.value = null;
  }

  return { preview, previewed, loading, error, acknowledged, rowFilter, rows, needsAcknowledgement, blockers, run, reset };
}
