/**
 * The one error shape every HTTP reply uses: { error: { code, message, field? } }.
 * Services throw AppError for anything a user or operator should read; the HTTP layer
 * turns it into a status code. Anything else is a bug: logged in full, answered with a
 * generic 500 that reveals nothing internal.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger';
import { isSupplierError } from '../suppliers/errors';

export type ErrorCode =
  | 'unauthorized'
  | 'invalid_request'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'payload_too_large'
  | 'supplier_error'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  invalid_request: 422,
  not_found: 404,
  conflict: 409,
  unsupported: 400,
  payload_too_large: 413,
  supplier_error: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const invalid = (field: string, message: string) => new AppError('invalid_request', message, field);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json(errorBody(err));
      return;
    }
    if (isSupplierError(err)) {
      // The supplier's own words stay in the log for the operator; the reply carries our message.
      log.warn({ supplier: err.supplier, code: err.code, kind: err.kind, supplierText: err.supplierText, path: req.path }, err.message);
      const code: ErrorCode = err.kind === 'transient' ? 'unavailable' : 'supplier_error';
      res.status(STATUS[code]).json(errorBody(new AppError(code, err.message)));
      return;
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json(errorBody(new AppError('payload_too_large', 'The request body is larger than 1 MB; nothing was processed')));
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json(errorBody(new AppError('invalid_request', 'The request body is not valid JSON', 'body')));
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json(errorBody(new AppError('internal', 'certbridge hit an internal error; it is logged on the server. Nothing was changed.')));
  };
}
