import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, publicKeyFingerprint } from './keys';
import { splitPemBlocks } from './pem';
import { Pkcs12Error, buildPkcs12 } from './pkcs12';

let dir: string;
const keys: Record<'rsa' | 'ec', string> = { rsa: '', ec: '' };
const leaves: Record<'rsa' | 'ec', string> = { rsa: '', ec: '' };
let chain: string[];
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
/** `openssl pkcs12 -info` without -legacy: OpenSSL 3's default provider only. */
const readPfx = (path: string, password: string) => {
  const r = spawnSync('openssl', ['pkcs12', '-in', path, '-passin', `pass:${password}`, '-nodes', '-info'], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-p12-'));
  [keys.rsa, keys.ec] = await Promise.all([generatePrivateKey({ type: 'rsa', bits: 2048 }), generatePrivateKey({ type: 'ec', curve: 'P-256' })]);
  for (const type of ['rsa', 'ec'] as const) {
    leaves[type] = openssl('req', '-x509', '-key', file(`${type}.key`, keys[type]), '-subj', `/CN=${type}.pfx.test`, '-days', '1');
  }
  const ca = (cn: string) => openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `${cn}.key`), '-subj', `/CN=${cn}`, '-days', '1');
  chain = [ca('Chain One'), ca('Chain Two')];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildPkcs12', () => {
  it.each(['rsa', 'ec'] as const)('%s: openssl opens it with the password and gets the same key and every certificate', (type) => {
    const pfx = buildPkcs12({ privateKeyPem: keys[type], certificatePem: leaves[type], chainPems: [...chain, leaves[type]], password: 'correct horse' });
    const { status, stdout, stderr } = readPfx(file(`${type}.pfx`, pfx), 'correct horse');
    expect(stderr).not.toMatch(/error/i);
    expect(status).toBe(0);
    // the algorithms we promise (modern, no legacy provider needed)
    expect(stderr).toMatch(/MAC: sha256, Iteration 2048/);
    expect(stderr).toMatch(/PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    expect(stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    const [key] = splitPemBlocks(stdout, 'PRIVATE KEY');
    expect(publicKeyFingerprint(key.pem)).toBe(publicKeyFingerprint(keys[type]));
    // leaf first, then the chain; the duplicate leaf in chainPems is not repeated
    expect(splitPemBlocks(stdout, 'CERTIFICATE').map((b) => b.pem)).toEqual([leaves[type], ...chain]);
    expect(stdout).toMatch(new RegExp(`friendlyName: ${type}\\.pfx\\.test`));
    expect(stdout.match(/localKeyID: [0-9A-F ]+/g)).toHaveLength(2); // on the key bag and the leaf bag
  });

  it('fails to open with a wrong password', () => {
    const path = file('wrong.pfx', buildPkcs12({ privateKeyPem: keys.ec, certificatePem: leaves.ec, password: 'right' }));
    const result = readPfx(path, 'wrong');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Mac verify error/);
    expect(readPfx(path, 'right').status).toBe(0);
  });

  it('loads into node:tls (OpenSSL) for RSA and EC, with a non-ASCII password too', () => {
    for (const type of ['rsa', 'ec'] as const) {
      const pfx = buildPkcs12({ privateKeyPem: keys[type], certificatePem: leaves[type], chainPems: chain, password: 'Pässwörd €', friendlyName: 'IIS binding' });
      expect(() => createSecureContext({ pfx, passphrase: 'Pässwörd €' })).not.toThrow();
      expect(() => createSecureContext({ pfx, passphrase: 'Passwort' })).toThrow();
      const { status, stdout } = readPfx(file(`utf8-${type}.pfx`, pfx), 'Pässwörd €');
      expect(status).toBe(0);
      expect(stdout).toMatch(/friendlyName: IIS binding/);
    }
  });

  it('refuses a key that does not belong to the certificate, and an empty password', () => {
    expect(() => buildPkcs12({ privateKeyPem: keys.rsa, certificatePem: leaves.ec, password: 'x' })).toThrow(expect.objectContaining({ reason: 'key_mismatch' }));
    expect(() => buildPkcs12({ privateKeyPem: keys.ec, certificatePem: leaves.ec, password: '' })).toThrow(Pkcs12Error);
    expect(() => buildPkcs12({ privateKeyPem: 'nope', certificatePem: leaves.ec, password: 'x' })).toThrow(expect.objectContaining({ reason: 'invalid_input' }));
  });
});
