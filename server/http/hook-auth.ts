/**
 * Express middleware that admits only correctly signed, fresh, never-seen hook requests.
 * Runs before any handler, so a rejected request writes nothing (the nonce is recorded
 * only after the signature and clock checks pass). Replay protection lives in MySQL, so it
 * holds across any number of server instances.
 */
import type { RequestHandler } from 'express';
import { AppError } from './errors';
import { HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP, sign, signaturesMatch } from './hook-signature';

export const CLOCK_WINDOW_SECONDS = 300;

export interface NonceStore {
  /** Records the nonce; resolves false when it was already recorded (a replay). */
  remember(nonce: string, seenAt: Date): Promise<boolean>;
}

export function hookAuth(secret: string, nonces: NonceStore, now: () => number = Date.now): RequestHandler {
  return async (req, _res, next) => {
    try {
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
      const skew = Math.abs(now() / 1000 - Number(timestamp));
      if (skew > CLOCK_WINDOW_SECONDS) {
        throw new AppError('unauthorized', `The request timestamp is ${Math.round(skew)} s away from the server clock (at most ${CLOCK_WINDOW_SECONDS} s allowed): check both machines' clocks`);
      }
      if (!(await nonces.remember(nonce, new Date(now())))) {
        throw new AppError('unauthorized', 'This request was already received once (replayed nonce); it was ignored');
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}
