/**
 * Admission of hook requests: only correctly signed, fresh, never-seen requests get through.
 * verifySignature() is pure (headers, clock, HMAC) and runs first, so a forged or stale
 * request writes nothing. recordNonce() then stores the nonce in MySQL, so replay protection
 * holds across any number of server instances. The route decides when to await it: before
 * handlers that write, alongside handlers that only read (their answer is released only if
 * the nonce was new).
 */
import type { Request } from 'express';
import { AppError } from './errors';
import { HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP, sign, signaturesMatch } from './hook-signature';

export const CLOCK_WINDOW_SECONDS = 300;

export interface NonceStore {
  /** Records the nonce; resolves false when it was already recorded (a replay). */
  remember(nonce: string, seenAt: Date): Promise<boolean>;
}

/** Checks headers, signature and clock; returns the nonce to record. Throws AppError('unauthorized'). */
export function verifySignature(req: Request, secret: string, now: number = Date.now()): string {
  const timestamp = req.header(HEADER_TIMESTAMP) ?? '';
  const nonce = req.header(HEADER_NONCE) ?? '';
  const signature = (req.header(HEADER_SIGNATURE) ?? '').toLowerCase();
  if (!timestamp || !nonce || !signature) {
    throw new AppError('unauthorized', 'The request is not signed: X-Certbridge-Timestamp, X-Certbridge-Nonce and X-Certbridge-Signature are required');
  }
  if (!/^\d{9,11}$/.test(timestamp)) throw new AppError('unauthorized', 'X-Certbridge-Timestamp must be unix seconds');
  if (!/^[0-9a-f]{32}$/.test(nonce)) throw new AppError('unauthorized', 'X-Certbridge-Nonce must be 32 lower-case hex characters');
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const expected = sign(secret, 'POST', req.originalUrl.split('?')[0], timestamp, nonce, body);
  if (!signaturesMatch(expected, signature)) {
    throw new AppError('unauthorized', 'The signature does not match: check that the access hash of the certbridge server entry in WHMCS equals CERTBRIDGE_HOOK_SECRET');
  }
  const skew = Math.abs(now / 1000 - Number(timestamp));
  if (skew > CLOCK_WINDOW_SECONDS) {
    throw new AppError('unauthorized', `The request timestamp is ${Math.round(skew)} s away from the server clock (at most ${CLOCK_WINDOW_SECONDS} s allowed): check both machines' clocks`);
  }
  return nonce;
}

/** Stores the nonce; throws AppError('unauthorized') for a replay. */
export async function recordNonce(nonces: NonceStore, nonce: string, now: number = Date.now()): Promise<void> {
  if (!(await nonces.remember(nonce, new Date(now)))) {
    throw new AppError('unauthorized', 'This request was already received once (replayed nonce); it was ignored');
  }
}
