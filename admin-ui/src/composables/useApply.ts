/**
 * Applies prices as ONE request: the server writes everything in a single transaction, so
 * a failure leaves WHMCS exactly as it was. The progress bar follows the phases the server
 * reports while that transaction runs (api-types.ts, ApplyProgress).
 */
import { computed, ref, shallowRef } from 'vue';
import type { ApplyProgress, ApplyResponse } from '../../../server/admin/api-types';
import { ApiError, isConflict, messageOf } from '../api/errors';
import type { useSteps } from './useSteps';
import type { usePreview } from './usePreview';

export type ApplyState = 'idle' | 'running' | 'done' | 'failed';

export function useApply() {
  const state = ref<ApplyState>('idle');
  const progress = ref<ApplyProgress>({ done: 0, total: 1, phase: '' });
  const count = ref(0);
  const result = shallowRef<ApplyResponse | null>(null);
  const error = ref<string | null>(null);
  const conflict = ref(false);
  const percent = computed(() => (state.value === 'done' ? 100 : Math.round((progress.value.done / Math.max(1, progress.value.total)) * 100)));
  const phase = computed(() => progress.value.phase);

  /** Sends the apply; `count` is the number of products (for the labels). */
  async function run(items: number, send: (onProgress: (p: ApplyProgress) => void) => Promise<ApplyResponse>): Promise<boolean> {
    // One apply at a time from this page: a double click must not start a second one.
    if (state.value === 'running') return false;
    state.value = 'running';
    progress.value = { done: 0, total: 1, phase: 'Starting' };
    count.value = items;
    result.value = null;
    error.value = null;
    conflict.value = false;
    try {
      result.value = await send((p) => (progress.value = p));
      state.value = 'done';
      return true;
    } catch (e) {
      conflict.value = isConflict(e);
      error.value = `Nothing was applied: ${messageOf(e)}`;
      if (e instanceof ApiError && e.code === 'unauthorized') error.value += ' Sign in again to continue.';
      state.value = 'failed';
      return false;
    }
  }

  function reset(): void {
    state.value = 'idle';
    progress.value = { done: 0, total: 1, phase: '' };
    count.value = 0;
    result.value = null;
    error.value = null;
    conflict.value = false;
  }

  return { state, count, phase, percent, result, error, conflict, run, reset };
}

type Steps<Id extends string> = ReturnType<typeof useSteps<Id>>;
type Preview<Req> = ReturnType<typeof usePreview<Req>>;

/**
 * The wizards' last two steps, shared by import and re-price: apply exactly what was
 * previewed (refused while the preview has blockers, e.g. an unacknowledged loss), or go
 * back to the preview, which is asked for again.
 */
export function useApplyStep<Id extends string, Req>(steps: Steps<Id>, preview: Preview<Req>, apply: ReturnType<typeof useApply>, applyId: Id, previewId: Id) {
  async function applyPreviewed(count: (req: Req) => number, send: (req: Req, acknowledgeLoss: boolean, onProgress: (p: ApplyProgress) => void) => Promise<ApplyResponse>): Promise<boolean> {
    steps.stepError.value = preview.blockers.value[0] ?? null;
    const req = preview.previewed.value;
    if (steps.stepError.value || !req) return false;
    steps.step.value = applyId;
    steps.reached.value = steps.index(applyId);
    const acknowledgeLoss = preview.acknowledged.value;
    return apply.run(count(req), (onProgress) => send(req, acknowledgeLoss, onProgress));
  }

  async function reviewAgain(): Promise<void> {
    apply.reset();
    steps.restart(previewId);
    await steps.enter(previewId);
  }

  return { applyPreviewed, reviewAgain };
}
