import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyError, describePublicKey, formatKeySpec, generatePrivateKey, parseKeySpec, publicKeyFingerprint, publicKeyOf, signerFor, subjectKeyIdentifier, spkiOf, verifySignature } from './keys';
import { OID, childrenOf, parseDer, readOid } from './der';

let dir: string;
let rsaKey: string;
let ecKey: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** SHA-256 of the SPKI DER as OpenSSL exports it — the independent reference fingerprint. */
const opensslSpkiFingerprint = (keyPath: string) => {
  execFileSync('openssl', ['pkey', '-in', keyPath, '-pubout', '-outform', 'DER', '-out', join(dir, 'spki.der')]);
  return createHash('sha256').update(readFileSync(join(dir, 'spki.der'))).digest('hex');
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-keys-'));
  [rsaKey, ecKey] = await Promise.all([generatePrivateKey({ type: 'rsa', bits: 2048 }), generatePrivateKey({ type: 'ec', curve: 'P-256' })]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generatePrivateKey', () => {
  it('makes an RSA 2048 PKCS#8 key that openssl checks and sizes at 2048 bits', () => {
    expect(rsaKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const path = file('rsa.pem', rsaKey);
    expect(openssl('pkey', '-in', path, '-check', '-noout')).toMatch(/Key is valid/);
    expect(openssl('pkey', '-in', path, '-noout', '-text')).toMatch(/Private-Key: \(2048 bit/);
    expect(describePublicKey(rsaKey)).toEqual({ type: 'rsa', bits: 2048 });
  });

  it('makes an EC P-256 PKCS#8 key on prime256v1', () => {
    expect(ecKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const text = openssl('pkey', '-in', file('ec.pem', ecKey), '-noout', '-text');
    expect(text).toMatch(/ASN1 OID: prime256v1/);
    expect(describePublicKey(ecKey)).toEqual({ type: 'ec', bits: 256, curve: 'P-256' });
  });
});

describe('publicKeyFingerprint', () => {
  it('equals the SHA-256 of the SPKI openssl derives, for the key, its CSR and its certificate', () => {
    const keyPath = file('fp-ec.pem', ecKey);
    const expected = opensslSpkiFingerprint(keyPath);
    expect(publicKeyFingerprint(ecKey)).toBe(expected);
    const csr = openssl('req', '-new', '-key', keyPath, '-subj', '/CN=fp.example');
    const cert = openssl('req', '-x509', '-key', keyPath, '-subj', '/CN=fp.example', '-days', '1');
    expect(publicKeyFingerprint(csr)).toBe(expected);
    expect(publicKeyFingerprint(cert)).toBe(expected);
    expect(publicKeyFingerprint(rsaKey)).toBe(opensslSpkiFingerprint(file('fp-rsa.pem', rsaKey)));
    expect(publicKeyFingerprint(rsaKey)).not.toBe(expected);
  });

  it('reads traditional "EC PRIVATE KEY" files with an EC PARAMETERS block in front', () => {
    const path = join(dir, 'trad.pem');
    execFileSync('openssl', ['ecparam', '-name', 'secp384r1', '-genkey', '-out', path]);
    const pem = readFileSync(path, 'utf8');
    expect(pem).toMatch(/BEGIN EC PARAMETERS[\s\S]*BEGIN EC PRIVATE KEY/);
    expect(describePublicKey(pem)).toEqual({ type: 'ec', bits: 384, curve: 'P-384' });
    expect(publicKeyFingerprint(pem)).toBe(opensslSpkiFingerprint(path));
  });
});

describe('describePublicKey', () => {
  it('rejects Ed25519 with unsupported_key and garbage with invalid_key', () => {
    const ed = openssl('genpkey', '-algorithm', 'ed25519');
    expect(() => describePublicKey(ed)).toThrow(expect.objectContaining({ name: 'KeyError', reason: 'unsupported_key' }));
    expect(() => publicKeyOf('hello')).toThrow(expect.objectContaining({ reason: 'invalid_key' }));
    expect(() => publicKeyOf('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow(KeyError);
  });
});

describe('parseKeySpec / formatKeySpec', () => {
  it.each([
    ['rsa2048', { type: 'rsa', bits: 2048 }],
    ['RSA-3072', { type: 'rsa', bits: 3072 }],
    ['rsa 4096', { type: 'rsa', bits: 4096 }],
    ['ec-p256', { type: 'ec', curve: 'P-256' }],
    ['ECDSA P-384', { type: 'ec', curve: 'P-384' }],
  ] as const)('%s', (text, spec) => {
    expect(parseKeySpec(text)).toEqual(spec);
    expect(parseKeySpec(formatKeySpec(spec))).toEqual(spec);
  });

  it('names the accepted values when the text is unknown', () => {
    expect(() => parseKeySpec('rsa1024')).toThrow(/Unknown key type "rsa1024": use one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384/);
  });
});

describe('signerFor / verifySignature', () => {
  it.each(['rsa', 'ec'] as const)('%s signatures verify with openssl dgst and with verifySignature', (type) => {
    const key = type === 'rsa' ? rsaKey : ecKey;
    const data = Buffer.from('to be signed');
    const signer = signerFor(key);
    const signature = signer.sign(data);
    const keyPath = file(`sig-${type}.pem`, key);
    const pubPath = join(dir, `sig-${type}.pub`);
    execFileSync('openssl', ['pkey', '-in', keyPath, '-pubout', '-out', pubPath]);
    const out = openssl('dgst', '-sha256', '-verify', pubPath, '-signature', file(`sig-${type}.bin`, signature), file('data.bin', data));
    expect(out).toMatch(/Verified OK/);
    const algorithm = readOid(childrenOf(parseDer(signer.algorithmIdentifier))[0]);
    expect(algorithm).toBe(type === 'rsa' ? OID.sha256WithRSAEncryption : OID.ecdsaWithSHA256);
    expect(verifySignature(algorithm, data, signature, publicKeyOf(key))).toBe(true);
    expect(verifySignature(algorithm, Buffer.from('something else'), signature, publicKeyOf(key))).toBe(false);
  });
});

describe('subjectKeyIdentifier', () => {
  it('matches the SKI openssl puts in a certificate', () => {
    const keyPath = file('ski.pem', rsaKey);
    const cert = file('ski.crt', openssl('req', '-x509', '-key', keyPath, '-subj', '/CN=ski.example', '-days', '1'));
    const printed = openssl('x509', '-in', cert, '-noout', '-ext', 'subjectKeyIdentifier');
    const hex = /([0-9A-F]{2}(:[0-9A-F]{2}){19})/.exec(printed)?.[1].replace(/:/g, '').toLowerCase();
    expect(subjectKeyIdentifier(spkiOf(rsaKey)).toString('hex')).toBe(hex);
  });
});
