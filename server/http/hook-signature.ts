/**
 * The signature scheme of the WHMCS shim ↔ server hook protocol (DESIGN §4).
 * Both sides compute, over the exact bytes sent:
 *   signing string = "POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + hex(sha256(body))
 *   X-Certbridge-Signature = hex(HMAC-SHA256(secret, signing string))
 * with X-Certbridge-Timestamp (unix seconds) and X-Certbridge-Nonce (32 lower-case hex).
 * The PHP side is whmcs-shim/modules/servers/certbridge/lib; keep the two in step.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const HEADER_TIMESTAMP = 'x-certbridge-timestamp';
export const HEADER_NONCE = 'x-certbridge-nonce';
export const HEADER_SIGNATURE = 'x-certbridge-signature';

export function signingString(method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

export function sign(secret: string, method: string, path: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(signingString(method, path, timestamp, nonce, body)).digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}

/** Headers for a signed request; used by tests, the bench and the CLI's own calls. */
export function signedHeaders(secret: string, path: string, body: string, now = Date.now(), nonce?: string): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const n = nonce ?? createHash('sha256').update(`${Math.random()}${now}${process.hrtime.bigint()}`).digest('hex').slice(0, 32);
  return {
    'content-type': 'application/json',
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_NONCE]: n,
    [HEADER_SIGNATURE]: sign(secret, 'POST', path, timestamp, n, body),
  };
}
