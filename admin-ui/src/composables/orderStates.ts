/**
 * Order states for filters and labels, from the server's one list of states
 * (server/certificates/states.ts), so the app never invents or misses one.
 */
import { ORDER_STATES, STATES } from '../../../server/certificates/states';

export const STATE_OPTIONS = ORDER_STATES.map((s) => ({ value: s, label: STATES[s].label }));

export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'default' | 'primary';

export function stateTone(state: string): Tone {
  switch (state) {
    case 'issued':
      return 'success';
    case 'pending_validation':
    case 'processing':
    case 'queued':
      return 'info';
    case 'awaiting_configuration':
      return 'warning';
    case 'failed':
    case 'revoked':
    case 'expired':
      return 'danger';
    default:
      return 'default';
  }
}

/** The admin-facing name of a state code (the code itself when unknown). */
export function stateName(state: string | null): string {
  if (!state) return '';
  return (STATES as Record<string, { label: string } | undefined>)[state]?.label ?? state;
}
