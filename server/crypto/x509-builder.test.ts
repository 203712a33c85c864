import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDistinguishedName } from './dn';
import { generatePrivateKey, spkiOf } from './keys';
import { pemToDer, readTbsCertificate } from './pem';
import { issuerPartsOf, randomSerialNumber, signCertificate } from './x509-builder';

let dir: string;
let rsaCaKey: string;
let ecLeafKey: string;
let caPem: string;
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
/** `openssl verify` verdict (stdout + stderr); -x509_strict adds RFC 5280 profile checks. */
const verify = (...args: string[]) => {
  const r = spawnSync('openssl', ['verify', '-x509_strict', ...args], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
};
const at = (iso: string) => String(Math.floor(new Date(iso).getTime() / 1000));

const T0 = new Date('2026-06-01T00:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-x509-'));
  [rsaCaKey, ecLeafKey] = await Promise.all([generatePrivateKey({ type: 'rsa', bits: 2048 }), generatePrivateKey({ type: 'ec', curve: 'P-256' })]);
  const caDn = encodeDistinguishedName({ commonName: 'Builder Test CA', organization: 'certbridge tests', country: 'DE' });
  caPem = signCertificate({
    subjectPublicKeyDer: spkiOf(rsaCaKey),
    subjectDn: caDn,
    issuerDn: caDn,
    issuerPrivateKeyPem: rsaCaKey,
    issuerPublicKeyDer: spkiOf(rsaCaKey),
    notBefore: T0,
    notAfter: new Date('2051-06-01T00:00:00Z'),
    isCa: true,
    pathLen: 0,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  file('ca.pem', caPem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function leaf(overrides: Partial<Parameters<typeof signCertificate>[0]> = {}): string {
  return signCertificate({
    subjectPublicKeyDer: spkiOf(ecLeafKey),
    subjectDn: { commonName: 'leaf.example' },
    ...issuerPartsOf(caPem),
    issuerPrivateKeyPem: rsaCaKey,
    notBefore: T0,
    notAfter: new Date('2026-09-01T00:00:00Z'),
    isCa: false,
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['serverAuth'],
    dnsNames: ['leaf.example', '*.leaf.example'],
    ...overrides,
  });
}

describe('signCertificate', () => {
  it('makes a self-signed RSA CA that openssl accepts as a trust anchor, with the extensions asked for', () => {
    expect(verify('-attime', at('2030-01-01'), '-CAfile', join(dir, 'ca.pem'), join(dir, 'ca.pem'))).toMatch(/: OK$/);
    const text = openssl('x509', '-in', join(dir, 'ca.pem'), '-noout', '-text');
    expect(text).toMatch(/Version: 3 \(0x2\)/);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    // notAfter in 2051 must be a GeneralizedTime, notBefore in 2026 a UTCTime
    const asn1 = openssl('asn1parse', '-in', join(dir, 'ca.pem'));
    expect(asn1).toMatch(/UTCTIME\s+:260601000000Z/);
    expect(asn1).toMatch(/GENERALIZEDTIME\s+:20510601000000Z/);
  });

  it('makes an EC leaf signed by the RSA CA that openssl verifies, with SAN, EKU, SKI and AKI', () => {
    const pem = leaf();
    const path = file('leaf.pem', pem);
    expect(verify('-attime', at('2026-07-01'), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'sslserver', path)).toMatch(/: OK$/);
    expect(verify('-attime', at('2026-10-01'), '-CAfile', join(dir, 'ca.pem'), path)).toMatch(/certificate has expired/);
    const text = openssl('x509', '-in', path, '-noout', '-text');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/Extended Key Usage: \s*\n\s+TLS Web Server Authentication/);
    expect(text).toMatch(/DNS:leaf\.example, DNS:\*\.leaf\.example/);
    const caSki = /Subject Key Identifier: \s*\n\s+([0-9A-F:]+)/.exec(openssl('x509', '-in', join(dir, 'ca.pem'), '-noout', '-text'))?.[1];
    expect(caSki).toBeTruthy();
    expect(text).toMatch(new RegExp(`Authority Key Identifier: \\s*\\n\\s+(keyid:)?${caSki}`));
    // the issuer Name is the CA's subject, byte for byte
    expect(readTbsCertificate(pemToDer(pem)).issuer.raw).toEqual(readTbsCertificate(pemToDer(caPem)).subject.raw);
  });

  it('chains under a CA that openssl made (copied issuer name, foreign key)', () => {
    const caKey = join(dir, 'ossl-ca.key');
    const osslCa = openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', caKey, '-subj', '/C=US/O=OpenSSL Made/CN=Foreign Root', '-days', '3650', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    file('ossl-ca.pem', osslCa);
    const pem = leaf({ ...issuerPartsOf(osslCa), issuerPrivateKeyPem: readFileSync(caKey, 'utf8'), notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) });
    expect(verify('-CAfile', join(dir, 'ossl-ca.pem'), file('foreign-leaf.pem', pem))).toMatch(/: OK$/);
    expect(openssl('x509', '-in', join(dir, 'foreign-leaf.pem'), '-noout', '-text')).toMatch(/Signature Algorithm: ecdsa-with-SHA384/);
  });

  it('makes SAN critical when the subject is empty (RFC 5280 §4.2.1.6)', () => {
    const path = file('nosubject.pem', leaf({ subjectDn: {} }));
    expect(openssl('x509', '-in', path, '-noout', '-text')).toMatch(/Subject Alternative Name: critical/);
    expect(verify('-attime', at('2026-07-01'), '-CAfile', join(dir, 'ca.pem'), path)).toMatch(/: OK$/);
  });

  it('uses the serial number given, or a positive random 16-byte one', () => {
    const serial = Buffer.from('0123456789abcdef', 'hex');
    expect(openssl('x509', '-in', file('serial.pem', leaf({ serialNumber: serial })), '-noout', '-serial').trim()).toBe('serial=0123456789ABCDEF');
    const random = randomSerialNumber();
    expect(random).toHaveLength(16);
    expect(random[0] & 0x80).toBe(0);
    expect(openssl('x509', '-in', file('serial2.pem', leaf()), '-noout', '-serial').trim()).toMatch(/^serial=[4-7][0-9A-F]{31}$/);
  });

  it('refuses impossible input', () => {
    expect(() => leaf({ notAfter: T0 })).toThrow(RangeError);
    expect(() => leaf({ pathLen: 0 })).toThrow(/pathLen needs isCa/);
    expect(() => leaf({ subjectDn: {}, dnsNames: [] })).toThrow(/empty subject needs dnsNames/);
  });
});
