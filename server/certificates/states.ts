/**
 * Certificate order states and the transitions between them, as data (DESIGN §5).
 * transition.ts is the only code that changes an order's state, and it refuses any move
 * not listed here. `whmcsStatus` is what tblsslorders.status shows for the state, in
 * WHMCS's own words, so WHMCS's pages stay right.
 */
export const ORDER_STATES = [
  'awaiting_configuration',
  'queued',
  'pending_validation',
  'processing',
  'issued',
  'superseded',
  'failed',
  'cancelled',
  'revoked',
  'expired',
] as const;

export type OrderStateName = (typeof ORDER_STATES)[number];

interface StateInfo {
  label: string;
  whmcsStatus: string;
  final: boolean;
  next: readonly OrderStateName[];
}

export const STATES: Record<OrderStateName, StateInfo> = {
  awaiting_configuration: {
    label: 'Awaiting configuration',
    whmcsStatus: 'Awaiting Configuration',
    final: false,
    next: ['queued', 'cancelled'],
  },
  queued: {
    label: 'Submitting to the certificate authority',
    whmcsStatus: 'Configuration Submitted',
    final: false,
    next: ['pending_validation', 'processing', 'issued', 'awaiting_configuration', 'failed', 'cancelled'],
  },
  pending_validation: {
    label: 'Waiting for domain validation',
    whmcsStatus: 'Configuration Submitted',
    final: false,
    next: ['processing', 'issued', 'failed', 'cancelled'],
  },
  processing: {
    label: 'Validated; the certificate authority is issuing',
    whmcsStatus: 'Awaiting Issuance',
    final: false,
    next: ['pending_validation', 'issued', 'failed', 'cancelled'],
  },
  issued: {
    label: 'Issued',
    whmcsStatus: 'Completed',
    final: false,
    next: ['superseded', 'revoked', 'expired'],
  },
  superseded: { label: 'Replaced by a newer certificate', whmcsStatus: 'Completed', final: true, next: [] },
  failed: { label: 'Failed', whmcsStatus: 'Cancelled', final: true, next: [] },
  cancelled: { label: 'Cancelled', whmcsStatus: 'Cancelled', final: true, next: [] },
  revoked: { label: 'Revoked', whmcsStatus: 'Cancelled', final: true, next: [] },
  expired: { label: 'Expired', whmcsStatus: 'Expired', final: true, next: [] },
};

export function canMove(from: OrderStateName, to: OrderStateName): boolean {
  return STATES[from].next.includes(to);
}

export function isOrderState(value: string): value is OrderStateName {
  return (ORDER_STATES as readonly string[]).includes(value);
}

/** States in which the order may still be stopped without a supplier refund question. */
export const CANCELLABLE_STATES: readonly OrderStateName[] = ['awaiting_configuration', 'queued', 'pending_validation', 'processing'];
