/**
 * Step navigation shared by the import wizard and bulk re-price: Next checks the current step
 * and says what is missing instead of moving on; earlier steps can be revisited; the last
 * step (apply) is reached only through the apply action, never with Next, and locks the rest.
 */
import { ref, type Ref } from 'vue';

export interface StepsOptions<Id extends string> {
  /** Why the current step cannot be left forwards, or null. */
  problem: (current: Id) => string | null;
  /** Work to do on arriving at a step (load a catalogue, run the preview). */
  onEnter: (id: Id) => Promise<void> | void;
}

export function useSteps<Id extends string>(steps: readonly { id: Id; label: string }[], opts: StepsOptions<Id>) {
  const step = ref(steps[0].id) as Ref<Id>;
  const stepError = ref<string | null>(null);
  /** Index of the furthest step reached, for the step list's links back. */
  const reached = ref(0);
  const last = steps[steps.length - 1].id;
  const index = (id: string) => steps.findIndex((s) => s.id === id);

  async function enter(id: Id): Promise<void> {
    step.value = id;
    reached.value = Math.max(reached.value, index(id));
    await opts.onEnter(id);
  }

  async function next(): Promise<void> {
    stepError.value = opts.problem(step.value);
    if (stepError.value) return;
    const i = index(step.value);
    if (i < steps.length - 2) await enter(steps[i + 1].id);
  }

  function back(): void {
    stepError.value = null;
    const i = index(step.value);
    if (i > 0 && step.value !== last) step.value = steps[i - 1].id;
  }

  function canGo(id: string): boolean {
    const i = index(id);
    return step.value !== last && i >= 0 && i <= reached.value && id !== last;
  }

  async function go(id: string): Promise<void> {
    if (!canGo(id)) return;
    stepError.value = null;
    await enter(id as Id);
  }

  /** Starts again at `id` with nothing beyond it reached. */
  function restart(id: Id): void {
    stepError.value = null;
    reached.value = index(id);
    step.value = id;
  }

  return { step, stepError, reached, index, enter, next, back, canGo, go, restart };
}
