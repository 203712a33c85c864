import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFingerprint } from './keys';
import { PemError, derToPem, describeCertificate, pemToDer, splitPemBlocks } from './pem';

let dir: string;
let leafPem: string;
let caPem: string;
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-pem-'));
  // Certificates made by openssl alone, so describeCertificate is checked against a real CA tool.
  caPem = openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'ca.key'), '-subj', '/O=Test CA Org/CN=Test Root', '-days', '3650', '-addext', 'basicConstraints=critical,CA:TRUE');
  file('ca.pem', caPem);
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'leaf.key'), '-subj', '/O=Leaf Org/CN=www.pem.test', '-out', join(dir, 'leaf.csr'));
  file('ext.cnf', 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:www.pem.test,DNS:pem.test,DNS:*.pem.test\n');
  leafPem = openssl('x509', '-req', '-in', join(dir, 'leaf.csr'), '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '90', '-extfile', join(dir, 'ext.cnf'));
  file('leaf.pem', leafPem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('splitPemBlocks', () => {
  it('finds every block in a pasted bundle with CRLF, indentation and chatter, in order', () => {
    const pasted = `Here is your certificate:\r\n  ${leafPem.replace(/\n/g, '\r\n')}\r\nand the CA:\r\n${caPem}\n-----BEGIN PRIVATE KEY-----\n${readFileSync(join(dir, 'leaf.key'), 'utf8').split('\n').slice(1, -2).join('\n')}\n-----END PRIVATE KEY-----\n`;
    const blocks = splitPemBlocks(pasted);
    expect(blocks.map((b) => b.label)).toEqual(['CERTIFICATE', 'CERTIFICATE', 'PRIVATE KEY']);
    expect(blocks[0].pem).toBe(leafPem);
    expect(blocks[1].der).toEqual(pemToDer(caPem));
    expect(splitPemBlocks(pasted, 'PRIVATE KEY')).toHaveLength(1);
  });

  it('derToPem writes what openssl reads back to the same DER', () => {
    const der = pemToDer(leafPem);
    const back = openssl('x509', '-in', file('rewrapped.pem', derToPem(der, 'CERTIFICATE')), '-outform', 'DER', '-out', join(dir, 'back.der'));
    expect(back).toBe('');
    expect(readFileSync(join(dir, 'back.der'))).toEqual(der);
    expect(derToPem(der, 'CERTIFICATE').split('\n').every((l) => l.length <= 64)).toBe(true);
  });

  it('throws PemError for broken base64 or a missing block', () => {
    expect(() => splitPemBlocks('-----BEGIN CERTIFICATE-----\nMII$$$\n-----END CERTIFICATE-----')).toThrow(PemError);
    expect(() => pemToDer('nothing here', 'CERTIFICATE')).toThrow(/No -----BEGIN CERTIFICATE----- block/);
  });
});

describe('describeCertificate', () => {
  it('agrees with openssl x509 on names, serial, dates, SANs and fingerprints', () => {
    const d = describeCertificate(leafPem);
    const leafPath = join(dir, 'leaf.pem');
    expect(d.subjectCommonName).toBe('www.pem.test');
    expect(d.subjectOrganization).toBe('Leaf Org');
    expect(d.issuerCommonName).toBe('Test Root');
    expect(d.issuerOrganization).toBe('Test CA Org');
    expect(d.serialNumber).toBe(openssl('x509', '-in', leafPath, '-noout', '-serial').trim().replace('serial=', '').toLowerCase());
    expect(d.notBefore).toEqual(new Date(openssl('x509', '-in', leafPath, '-noout', '-startdate').trim().replace('notBefore=', '')));
    expect(d.notAfter).toEqual(new Date(openssl('x509', '-in', leafPath, '-noout', '-enddate').trim().replace('notAfter=', '')));
    expect(d.notAfter.getTime() - d.notBefore.getTime()).toBe(90 * 86_400_000);
    expect(d.dnsNames).toEqual(['www.pem.test', 'pem.test', '*.pem.test']);
    expect(d.sha256Fingerprint).toBe(openssl('x509', '-in', leafPath, '-noout', '-fingerprint', '-sha256').trim().split('=')[1].replace(/:/g, '').toLowerCase());
    expect(d.sha256Fingerprint).toBe(createHash('sha256').update(pemToDer(leafPem)).digest('hex'));
    expect(d.publicKeyFingerprint).toBe(publicKeyFingerprint(readFileSync(join(dir, 'leaf.key'), 'utf8')));
    expect(d.isCa).toBe(false);
    expect(describeCertificate(caPem).isCa).toBe(true);
    expect(describeCertificate(caPem).dnsNames).toEqual([]);
  });

  it('throws PemError for a block that is not a certificate', () => {
    expect(() => describeCertificate(derToPem(Buffer.from('300302010a', 'hex'), 'CERTIFICATE'))).toThrow(PemError);
  });
});
