import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBoxError, createSecretBox, keyIdForMasterKey } from './secret-box';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const idA = keyIdForMasterKey(keyA);
const idB = keyIdForMasterKey(keyB);

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SecretBoxError);
    return err as SecretBoxError;
  }
  throw new Error('did not throw');
};
/** Key material must never leak into messages, in any common text encoding. */
const expectNoKeyMaterial = (message: string) => {
  for (const key of [keyA, keyB]) {
    for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(message).not.toContain(key.toString(encoding).slice(0, 12));
  }
};

describe('keyIdForMasterKey', () => {
  it('is the first 8 hex digits of SHA-256(key), as openssl dgst computes it', () => {
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: keyA, encoding: 'utf8' }).split(' ')[0];
    expect(idA).toBe(digest.slice(0, 8));
    expect(idA).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('createSecretBox', () => {
  const box = createSecretBox({ keys: { [idA]: keyA }, activeKeyId: idA });

  it('seals to cb1.<keyId>.<iv>.<tag>.<ciphertext> and opens back, text and binary', () => {
    const sealed = box.seal('-----BEGIN PRIVATE KEY-----\nsecret\n', 'service:42');
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    expect([version, keyId]).toEqual(['cb1', idA]);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(box.openText(sealed, 'service:42')).toBe('-----BEGIN PRIVATE KEY-----\nsecret\n');
    const bytes = randomBytes(100);
    expect(box.open(box.seal(bytes))).toEqual(bytes);
    expect(box.keyIdOf(sealed)).toBe(idA);
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a different associated data or an altered ciphertext as tampered', () => {
    const sealed = box.seal('api-key-value', 'supplier:1');
    const wrongAd = reasonOf(() => box.open(sealed, 'supplier:2'));
    expect(wrongAd.reason).toBe('tampered');
    expect(wrongAd.message).toMatch(/the ciphertext was altered or the associated data does not match/);
    expect(reasonOf(() => box.open(sealed)).reason).toBe('tampered');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64url');
    expect(reasonOf(() => box.open(parts.join('.'), 'supplier:1')).reason).toBe('tampered');
    expect(wrongAd.message).not.toContain('api-key-value');
    expectNoKeyMaterial(wrongAd.message);
  });

  it('rotates: a box with a new active key still opens values sealed with the old one', () => {
    const old = box.seal('old secret', 'x');
    const rotated = createSecretBox({ keys: { [idA]: keyA, [idB]: keyB }, activeKeyId: idB });
    expect(rotated.openText(old, 'x')).toBe('old secret');
    const fresh = rotated.seal('new secret', 'x');
    expect(rotated.keyIdOf(fresh)).toBe(idB);
    const unknown = reasonOf(() => box.open(fresh, 'x'));
    expect(unknown.reason).toBe('unknown_key');
    expect(unknown.message).toBe(`The value was sealed with key id ${idB} which is not configured.`);
    expectNoKeyMaterial(unknown.message);
  });

  it('a value relabelled with another configured key id does not open', () => {
    const both = createSecretBox({ keys: { [idA]: keyA, [idB]: keyB }, activeKeyId: idA });
    const relabelled = both.seal('v').replace(`.${idA}.`, `.${idB}.`);
    expect(reasonOf(() => both.open(relabelled)).reason).toBe('tampered');
  });

  it('reports malformed values and bad configuration without key material', () => {
    expect(reasonOf(() => box.open('plaintext')).reason).toBe('malformed');
    expect(reasonOf(() => box.open(`cb1.${idA}.AAAA.AAAA.AAAA`)).reason).toBe('malformed');
    const short = reasonOf(() => createSecretBox({ keys: { k1: keyA.subarray(0, 16) }, activeKeyId: 'k1' }));
    expect(short.message).toMatch(/Key "k1" must be 32 bytes for AES-256 \(got 16\)/);
    expectNoKeyMaterial(short.message);
    expect(reasonOf(() => createSecretBox({ keys: { k1: keyA }, activeKeyId: 'k2' })).reason).toBe('bad_key');
    expect(reasonOf(() => createSecretBox({ keys: { 'a.b': keyA }, activeKeyId: 'a.b' })).reason).toBe('bad_key');
  });
});
