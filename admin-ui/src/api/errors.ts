/**
 * One error type for everything the API client can meet, carrying the server's
 * { error: { code, message, field? } } or a plain explanation of a network failure.
 */
export type ApiErrorCode =
  | 'unauthorized'
  | 'invalid_request'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'payload_too_large'
  | 'supplier_error'
  | 'unavailable'
  | 'internal'
  | 'network'
  | 'bad_reply';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The message to show for anything thrown; unknown errors never leak stack traces into the page. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return `Unexpected problem in the app: ${e.message}`;
  return 'Unexpected problem in the app';
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'conflict';
}
