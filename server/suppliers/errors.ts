/**
 * The one error type supplier adapters throw. `kind` decides what the order service does:
 * transient → retried with capped backoff; permanent → the order fails with the reason
 * recorded; action_required → the client must fix something (the message says what).
 * `code` is the normalised category; `supplierText` keeps the supplier's own words for
 * the operator.
 */
export type SupplierErrorKind = 'transient' | 'permanent' | 'action_required';
export type SupplierErrorCode =
  | 'auth_failed'
  | 'ip_not_allowed'
  | 'insufficient_funds'
  | 'invalid_request'
  | 'not_found'
  | 'temporary'
  | 'unsupported';

export class SupplierError extends Error {
  constructor(
    readonly supplier: string,
    readonly code: SupplierErrorCode,
    readonly kind: SupplierErrorKind,
    message: string,
    readonly supplierText?: string,
  ) {
    super(message);
    this.name = 'SupplierError';
  }
}

export const isSupplierError = (e: unknown): e is SupplierError => e instanceof SupplierError;
