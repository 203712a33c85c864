/**
 * Encryption at rest for private keys and supplier credentials: AES-256-GCM with a key id in
 * every sealed string, so the master key can rotate (new values sealed with the active key,
 * old ones still open with the retired keys until re-sealed).
 *
 * Called by certificates/key-store.ts, the sandbox CA store and the supplier-credentials store;
 * the keys come from config (CERTBRIDGE master key). Associated data binds a value to where it
 * is stored (e.g. "service:42"), so a sealed value copied to another row does not open.
 *
 * Format: `cb1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>` — 12-byte random IV,
 * 16-byte tag; the "cb1.<keyId>" prefix is authenticated too.
 * Errors: `SecretBoxError` with `reason`:
 *   bad_key      — (at creation) a key is not 32 bytes, a key id is unusable, or the active id is missing
 *   malformed    — the text is not a sealed value of this format
 *   unknown_key  — sealed with a key id that is not configured (a retired key was removed too early)
 *   tampered     — ciphertext altered, wrong key behind the id, or associated data differs
 * Messages name key ids only, never key material or plaintext.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export class SecretBoxError extends Error {
  constructor(
    readonly reason: 'bad_key' | 'malformed' | 'unknown_key' | 'tampered',
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  readonly activeKeyId: string;
  seal(plaintext: string | Buffer, associatedData?: string): string;
  open(sealed: string, associatedData?: string): Buffer;
  openText(sealed: string, associatedData?: string): string;
  /** Which key sealed a value — to find values still sealed with a retired key. */
  keyIdOf(sealed: string): string;
}

export interface SecretBoxOptions {
  keys: Record<string, Buffer>;
  activeKeyId: string;
}

const VERSION = 'cb1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A stable id for a master key without configuration: the first 8 hex digits of its SHA-256. */
export function keyIdForMasterKey(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(options: SecretBoxOptions): SecretBox {
  const keys = new Map<string, Buffer>();
  for (const [id, key] of Object.entries(options.keys)) {
    if (!KEY_ID.test(id)) throw new SecretBoxError('bad_key', `Key id "${id}" must be 1–64 letters, digits, "-" or "_".`);
    if (!Buffer.isBuffer(key) || key.length !== 32) throw new SecretBoxError('bad_key', `Key "${id}" must be 32 bytes for AES-256 (got ${Buffer.isBuffer(key) ? key.length : 'no buffer'}).`);
    keys.set(id, Buffer.from(key));
  }
  const activeKeyId = options.activeKeyId;
  if (!keys.has(activeKeyId)) throw new SecretBoxError('bad_key', `The active key id "${activeKeyId}" is not among the configured keys.`);

  // The header is authenticated as well, so a value cannot be relabelled with another key id
  // or format version; the NUL keeps "header + AD" unambiguous.
  const aad = (keyId: string, associatedData = '') => Buffer.from(`${VERSION}.${keyId}\0${associatedData}`, 'utf8');

  function parse(sealed: string) {
    const parts = sealed.trim().split('.');
    if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID.test(parts[1])) {
      throw new SecretBoxError('malformed', `The value is not a sealed secret (expected ${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>).`);
    }
    const [, keyId, iv, tag, ciphertext] = parts;
    if (![iv, tag, ciphertext].every((p) => /^[A-Za-z0-9_-]*$/.test(p))) {
      throw new SecretBoxError('malformed', 'The sealed value is damaged: it is not base64url.');
    }
    const parsed = { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url') };
    if (parsed.iv.length !== 12 || parsed.tag.length !== 16) {
      throw new SecretBoxError('malformed', 'The sealed value is damaged: its IV or tag has the wrong length.');
    }
    return parsed;
  }

  function open(sealed: string, associatedData?: string): Buffer {
    const { keyId, iv, tag, ciphertext } = parse(sealed);
    const key = keys.get(keyId);
    if (!key) throw new SecretBoxError('unknown_key', `The value was sealed with key id ${keyId} which is not configured.`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(keyId, associatedData));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SecretBoxError('tampered', `The sealed value (key id ${keyId}) does not open: the ciphertext was altered or the associated data does not match.`);
    }
  }

  return {
    activeKeyId,
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(activeKeyId)!, iv);
      cipher.setAAD(aad(activeKeyId, associatedData));
      const ciphertext = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
      return [VERSION, activeKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open,
    openText: (sealed, associatedData) => open(sealed, associatedData).toString('utf8'),
    keyIdOf: (sealed) => parse(sealed).keyId,
  };
}
