import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NameError, encodeDistinguishedName, encodeDnsSubjectAltName, normalizeDnsName, readDistinguishedName, readDnsNamesFromSubjectAltName } from './dn';
import { pemToDer, readTbsCertificate } from './pem';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-dn-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asn1parse = (der: Buffer) => {
  const path = join(dir, 'x.der');
  writeFileSync(path, der);
  return execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', path], { encoding: 'utf8' });
};

describe('encodeDistinguishedName', () => {
  it('writes C as PrintableString, e-mail as IA5String, the rest as UTF8String, in C…CN,E order', () => {
    const der = encodeDistinguishedName({
      commonName: 'shop.example.com',
      organization: 'Müller & Söhne GmbH',
      organizationalUnit: 'IT',
      locality: 'Köln',
      state: 'NRW',
      country: 'de',
      email: 'admin@example.com',
    });
    const lines = asn1parse(der)
      .split('\n')
      .filter((l) => /OBJECT|STRING/.test(l))
      .map((l) => l.replace(/^.*prim:\s+/, '').replace(/\s+:/, ':'));
    expect(lines).toEqual([
      'OBJECT:countryName',
      'PRINTABLESTRING:DE',
      'OBJECT:stateOrProvinceName',
      'UTF8STRING:NRW',
      'OBJECT:localityName',
      expect.stringMatching(/^UTF8STRING:K/),
      'OBJECT:organizationName',
      expect.stringMatching(/^UTF8STRING:M/),
      'OBJECT:organizationalUnitName',
      'UTF8STRING:IT',
      'OBJECT:commonName',
      'UTF8STRING:shop.example.com',
      'OBJECT:emailAddress',
      'IA5STRING:admin@example.com',
    ]);
    expect(readDistinguishedName(der).fields).toEqual({
      commonName: 'shop.example.com',
      organization: 'Müller & Söhne GmbH',
      organizationalUnit: 'IT',
      locality: 'Köln',
      state: 'NRW',
      country: 'DE',
      email: 'admin@example.com',
    });
  });

  it('leaves blank fields out and rejects values a CA would refuse', () => {
    expect(readDistinguishedName(encodeDistinguishedName({ commonName: 'a.example', organization: '  ' })).attributes).toHaveLength(1);
    expect(() => encodeDistinguishedName({ country: 'DEU' })).toThrow(/two-letter ISO code/);
    expect(() => encodeDistinguishedName({ commonName: 'x'.repeat(65) })).toThrow(NameError);
    expect(() => encodeDistinguishedName({ email: 'not an address' })).toThrow(expect.objectContaining({ field: 'email' }));
    expect(() => encodeDistinguishedName({ organization: 'a\nb' })).toThrow(/control characters/);
  });
});

describe('readDistinguishedName', () => {
  it('reads the UTF-8 subject of a certificate openssl made', () => {
    const key = join(dir, 'k.pem');
    const cert = execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-utf8', '-subj', '/C=AT/O=Bäckerei Öztürk/CN=bäckerei.example', '-days', '1'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const subject = readTbsCertificate(pemToDer(cert)).subject;
    expect(readDistinguishedName(subject).fields).toEqual({ country: 'AT', organization: 'Bäckerei Öztürk', commonName: 'bäckerei.example' });
  });
});

describe('DNS names', () => {
  it('normalises and validates', () => {
    expect(normalizeDnsName(' WWW.Example.COM. ')).toBe('www.example.com');
    expect(normalizeDnsName('*.example.com')).toBe('*.example.com');
    expect(normalizeDnsName('xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(() => normalizeDnsName('bücher.example')).toThrow(/xn-- form/);
    expect(() => normalizeDnsName('a..b')).toThrow(/not a valid domain/);
    expect(() => normalizeDnsName('www.*.example.com')).toThrow(NameError);
    expect(() => normalizeDnsName('-bad.example')).toThrow(NameError);
  });

  it('encodes dNSName entries openssl reads as [2] IA5 strings and reads them back', () => {
    const der = encodeDnsSubjectAltName(['example.com', '*.example.com']);
    const out = asn1parse(der);
    expect(out.match(/cont \[ 2 \]/g)).toHaveLength(2);
    expect(readDnsNamesFromSubjectAltName(der)).toEqual(['example.com', '*.example.com']);
  });
});
