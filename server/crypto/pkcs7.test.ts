import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PemError, splitPemBlocks } from './pem';
import { certificatesToPkcs7, certificatesToPkcs7Der } from './pkcs7';

let dir: string;
let certs: string[];
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-p7-'));
  // an EC leaf, an RSA "intermediate" and an EC P-384 "root" — order and key type both matter
  const make = (cn: string, ...newkey: string[]) => openssl('req', '-x509', '-newkey', ...newkey, '-nodes', '-keyout', join(dir, `${cn}.key`), '-subj', `/CN=${cn}`, '-days', '1');
  certs = [make('leaf.p7.test', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'), make('Intermediate', 'rsa:2048'), make('Root', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384')];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printed = (args: string[]) => openssl('pkcs7', ...args, '-print_certs');

describe('certificatesToPkcs7', () => {
  it('openssl pkcs7 -print_certs lists the RSA and EC certificates, in order, unchanged', () => {
    const pem = certificatesToPkcs7(certs);
    expect(pem).toMatch(/^-----BEGIN PKCS7-----\n/);
    const out = printed(['-in', file('bundle.p7b', pem)]);
    expect([...out.matchAll(/^subject=CN = (.+)$/gm)].map((m) => m[1])).toEqual(['leaf.p7.test', 'Intermediate', 'Root']);
    expect(splitPemBlocks(out, 'CERTIFICATE').map((b) => b.pem)).toEqual(certs);
  });

  it('the DER form reads with -inform DER; several certificates in one PEM string are split', () => {
    const der = certificatesToPkcs7Der([certs[0], certs[1] + certs[2]]);
    const out = printed(['-inform', 'DER', '-in', file('bundle.der', der)]);
    expect(splitPemBlocks(out, 'CERTIFICATE')).toHaveLength(3);
    expect(openssl('asn1parse', '-inform', 'DER', '-in', join(dir, 'bundle.der'))).toMatch(/OBJECT\s+:pkcs7-signedData/);
  });

  it('refuses an entry without a certificate', () => {
    expect(() => certificatesToPkcs7([certs[0], 'not a certificate'])).toThrow(PemError);
    expect(() => certificatesToPkcs7([])).toThrow(/No certificates/);
  });
});
