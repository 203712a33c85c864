import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsrError } from '../../crypto/csr';
import { createSandboxCa, issueLeafCertificate, type SandboxCaMaterial } from './ca';

let dir: string;
let ca: SandboxCaMaterial;
let rsaCsr: string;
let ecCsr: string;
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));
/** `openssl verify` of a leaf against the sandbox root + intermediate at a given time. */
const verifyAt = (leafPath: string, when: Date, root = join(dir, 'root.pem')) => {
  const r = spawnSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-attime', epoch(when), '-CAfile', root, '-untrusted', join(dir, 'intermediate.pem'), leafPath], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
};
/** notBefore/notAfter as openssl prints them. */
const validity = (path: string) => {
  const out = openssl('x509', '-in', path, '-noout', '-startdate', '-enddate');
  const get = (name: string) => new Date(new RegExp(`${name}=(.*)`).exec(out)![1]);
  return { notBefore: get('notBefore'), notAfter: get('notAfter') };
};
const opensslCsr = (name: string, ...args: string[]) => {
  openssl('req', '-new', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.csr`), ...args);
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
};
const pubkey = (args: string[]) => openssl(...args, '-noout', '-pubkey');

const DAY = 86_400_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-sandbox-ca-'));
  ca = await createSandboxCa({ now: new Date('2026-01-01T00:00:00Z') });
  file('root.pem', ca.root.certificatePem);
  file('intermediate.pem', ca.intermediate.certificatePem);
  // CSRs made by openssl, so the CA is tested on input it did not produce itself
  rsaCsr = opensslCsr('rsa', '-newkey', 'rsa:2048', '-subj', '/CN=shop.example');
  ecCsr = opensslCsr('ec', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-subj', '/CN=ec.example');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createSandboxCa', () => {
  it('root: self-signed EC P-384 CA, 20 years, the documented names', () => {
    const path = join(dir, 'root.pem');
    const text = openssl('x509', '-in', path, '-noout', '-text');
    expect(text).toMatch(/Subject: O = certbridge sandbox, CN = certbridge Sandbox Root CA/);
    expect(text).toMatch(/Issuer: O = certbridge sandbox, CN = certbridge Sandbox Root CA/);
    expect(text).toMatch(/ASN1 OID: secp384r1/);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    const { notBefore, notAfter } = validity(path);
    expect(notAfter.getUTCFullYear() - notBefore.getUTCFullYear()).toBe(20);
    expect(spawnSync('openssl', ['verify', '-x509_strict', '-CAfile', path, path], { encoding: 'utf8' }).stdout).toMatch(/: OK/);
  });

  it('intermediate: RSA 2048, pathlen 0, 10 years, verifies under the root', () => {
    const path = join(dir, 'intermediate.pem');
    const text = openssl('x509', '-in', path, '-noout', '-text');
    expect(text).toMatch(/Subject: O = certbridge sandbox, CN = certbridge Sandbox DV CA/);
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
    const { notBefore, notAfter } = validity(path);
    expect(notAfter.getUTCFullYear() - notBefore.getUTCFullYear()).toBe(10);
    const r = spawnSync('openssl', ['verify', '-x509_strict', '-attime', epoch(new Date('2027-01-01')), '-CAfile', join(dir, 'root.pem'), path], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/: OK/);
  });
});

describe('issueLeafCertificate', () => {
  it('RSA CSR issued 2026-11-22: verifies to the root, lives exactly 200 days, carries the CSR key', () => {
    const issuedAt = new Date('2026-11-22T09:30:00Z');
    const leaf = issueLeafCertificate(ca, { csrPem: rsaCsr, dnsNames: ['shop.example', 'www.shop.example'], issuedAt, lifetimeDays: 365 });
    const path = file('rsa-leaf.pem', leaf);
    expect(verifyAt(path, new Date(issuedAt.getTime() + DAY))).toMatch(/: OK$/);

    const { notBefore, notAfter } = validity(path);
    expect(notBefore).toEqual(new Date('2026-11-22T09:29:00Z')); // one minute of clock skew
    expect(notAfter.getTime() - notBefore.getTime()).toBe(200 * DAY - 1000); // 200 days counted inclusively
    // openssl's own clock check at both ends of the window (it treats t == notAfter as expired)
    expect(verifyAt(path, notBefore)).toMatch(/: OK$/);
    expect(verifyAt(path, new Date(notAfter.getTime() - 1000))).toMatch(/: OK$/);
    expect(verifyAt(path, new Date(notAfter.getTime() + 1000))).toMatch(/certificate has expired/);
    expect(verifyAt(path, new Date(notBefore.getTime() - 1000))).toMatch(/not yet valid/);

    expect(pubkey(['x509', '-in', path])).toBe(pubkey(['req', '-in', join(dir, 'rsa.csr')]));
    const text = openssl('x509', '-in', path, '-noout', '-text');
    expect(text).toMatch(/Subject: CN = shop\.example\n/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    expect(text).toMatch(/Extended Key Usage: \s*\n\s+TLS Web Server Authentication\n/);
    expect(text).toMatch(/CA:FALSE/);
  });

  it('EC CSR issued 2027-04-01: 100 days, EC key kept, digitalSignature only, wildcard in the SAN', () => {
    const issuedAt = new Date('2027-04-01T00:00:00Z');
    const leaf = issueLeafCertificate(ca, { csrPem: ecCsr, dnsNames: ['EC.example', '*.ec.example', 'ec.example'], issuedAt, organization: 'Example OV Ltd' });
    const path = file('ec-leaf.pem', leaf);
    expect(verifyAt(path, new Date('2027-05-01T00:00:00Z'))).toMatch(/: OK$/);
    const { notBefore, notAfter } = validity(path);
    expect(notAfter.getTime() - notBefore.getTime()).toBe(100 * DAY - 1000);
    expect(pubkey(['x509', '-in', path])).toBe(pubkey(['req', '-in', join(dir, 'ec.csr')]));
    const text = openssl('x509', '-in', path, '-noout', '-text');
    expect(text).toMatch(/ASN1 OID: prime256v1/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/DNS:ec\.example, DNS:\*\.ec\.example\n/);
    expect(text).toMatch(/Subject: CN = ec\.example, O = Example OV Ltd|Subject: O = Example OV Ltd, CN = ec\.example/);
  });

  it('honours a shorter requested lifetime', () => {
    const path = file('short.pem', issueLeafCertificate(ca, { csrPem: ecCsr, dnsNames: ['ec.example'], issuedAt: new Date('2026-12-01T00:00:00Z'), lifetimeDays: 30 }));
    const { notBefore, notAfter } = validity(path);
    expect(notAfter.getTime() - notBefore.getTime()).toBe(30 * DAY - 1000);
  });

  it("does not verify under another sandbox's root", async () => {
    const other = await createSandboxCa({ name: 'Other', now: new Date('2026-01-01T00:00:00Z') });
    const path = file('other-leaf.pem', issueLeafCertificate(other, { csrPem: ecCsr, dnsNames: ['ec.example'], issuedAt: new Date('2026-12-01T00:00:00Z') }));
    expect(openssl('x509', '-in', path, '-noout', '-issuer')).toMatch(/CN = Other DV CA/);
    expect(verifyAt(path, new Date('2026-12-02T00:00:00Z'))).toMatch(/unable to get local issuer certificate/);
  });

  it('refuses a broken CSR and an empty name list', () => {
    expect(() => issueLeafCertificate(ca, { csrPem: 'garbage', dnsNames: ['a.example'], issuedAt: new Date() })).toThrow(CsrError);
    expect(() => issueLeafCertificate(ca, { csrPem: ecCsr, dnsNames: [], issuedAt: new Date() })).toThrow(RangeError);
    expect(() => issueLeafCertificate(ca, { csrPem: ecCsr, dnsNames: ['a.example'], issuedAt: new Date(), lifetimeDays: 0 })).toThrow(RangeError);
  });
});
