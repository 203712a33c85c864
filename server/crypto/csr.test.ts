import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsrError, buildCsr, parseCsr } from './csr';
import { generatePrivateKey, publicKeyFingerprint } from './keys';
import { derToPem, pemToDer } from './pem';

let dir: string;
let rsaKey: string;
let ecKey: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/**
 * `openssl req -verify` result. OpenSSL 3.0 exits 0 even when the signature is bad and prints
 * the verdict on stderr, so the verdict text is what counts.
 */
const reqVerify = (path: string) => {
  const r = spawnSync('openssl', ['req', '-in', path, '-verify', '-noout'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
};
/** `openssl req -new -newkey …` with its own key: a CSR our code had no hand in. */
const opensslCsr = (name: string, newkey: string, ...extra: string[]) => {
  openssl('req', '-new', '-newkey', newkey, '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.csr`), ...extra);
  return readFileSync(join(dir, `${name}.csr`), 'utf8');
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-csr-'));
  [rsaKey, ecKey] = await Promise.all([generatePrivateKey({ type: 'rsa', bits: 2048 }), generatePrivateKey({ type: 'ec', curve: 'P-384' })]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const subject = { commonName: 'Shop.Example.com', organization: 'Example GmbH', locality: 'Berlin', state: 'Berlin', country: 'de', email: 'ops@example.com' };

describe('buildCsr', () => {
  it.each(['rsa', 'ec'] as const)('%s: openssl verifies the self-signature and reads the subject and SANs', (type) => {
    const csr = buildCsr({ privateKeyPem: type === 'rsa' ? rsaKey : ecKey, subject, altNames: ['www.shop.example.com', 'SHOP.example.com', 'api.shop.example.com'] });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const path = file(`built-${type}.csr`, csr);
    const out = openssl('req', '-in', path, '-noout', '-text');
    expect(out).toMatch(/Subject: C = DE, ST = Berlin, L = Berlin, O = Example GmbH, CN = shop.example.com, emailAddress = ops@example.com/);
    // CN first, the duplicate (differently cased) dropped
    expect(out).toMatch(/DNS:shop\.example\.com, DNS:www\.shop\.example\.com, DNS:api\.shop\.example\.com\n/);
    expect(out).toMatch(type === 'rsa' ? /Signature Algorithm: sha256WithRSAEncryption/ : /Signature Algorithm: ecdsa-with-SHA384/);
    expect(reqVerify(path)).toMatch(/self-signature verify OK/);
    const parsed = parseCsr(csr);
    expect(parsed.dnsNames).toEqual(['shop.example.com', 'www.shop.example.com', 'api.shop.example.com']);
    expect(parsed.publicKeyFingerprint).toBe(publicKeyFingerprint(type === 'rsa' ? rsaKey : ecKey));
  });

  it('puts the CN into the SAN even without altNames', () => {
    const out = openssl('req', '-in', file('cn-only.csr', buildCsr({ privateKeyPem: ecKey, subject: { commonName: 'only.example' } })), '-noout', '-text');
    expect(out).toMatch(/Subject Alternative Name:\s*\n\s*DNS:only\.example\n/);
  });

  it('rejects unusable input with invalid_input', () => {
    expect(() => buildCsr({ privateKeyPem: ecKey, subject: { commonName: 'ex ample.com' } })).toThrow(expect.objectContaining({ reason: 'invalid_input' }));
    expect(() => buildCsr({ privateKeyPem: ecKey, subject: { commonName: 'a.example', country: 'Germany' } })).toThrow(/two-letter/);
  });
});

describe('parseCsr on CSRs openssl made', () => {
  it('reads subject, SANs, key and fingerprint', () => {
    const csr = opensslCsr('o1', 'rsa:2048', '-subj', '/C=US/ST=CA/O=Acme Inc/CN=www.acme.test', '-addext', 'subjectAltName=DNS:www.acme.test,DNS:acme.test,DNS:Mail.Acme.test');
    const parsed = parseCsr(csr);
    expect(parsed.commonName).toBe('www.acme.test');
    expect(parsed.subject).toEqual({ country: 'US', state: 'CA', organization: 'Acme Inc', commonName: 'www.acme.test' });
    expect(parsed.altNames).toEqual(['www.acme.test', 'acme.test', 'Mail.Acme.test']);
    expect(parsed.dnsNames).toEqual(['www.acme.test', 'acme.test', 'mail.acme.test']);
    expect(parsed.key).toEqual({ type: 'rsa', bits: 2048 });
    expect(parsed.signatureValid).toBe(true);
    expect(parsed.publicKeyFingerprint).toBe(publicKeyFingerprint(readFileSync(join(dir, 'o1.key'), 'utf8')));
  });

  it('reports an RSA 1024 key as 1024 bits (refusing it is policy, elsewhere)', () => {
    const parsed = parseCsr(opensslCsr('o2', 'rsa:1024', '-subj', '/CN=small.test'));
    expect(parsed.key).toEqual({ type: 'rsa', bits: 1024 });
    expect(parsed.altNames).toEqual([]);
    expect(parsed.dnsNames).toEqual(['small.test']);
  });

  it('reads an EC P-256 CSR', () => {
    const parsed = parseCsr(opensslCsr('o3', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-subj', '/CN=ec.test'));
    expect(parsed.key).toEqual({ type: 'ec', bits: 256, curve: 'P-256' });
  });

  it('accepts CRLF, surrounding whitespace and "NEW CERTIFICATE REQUEST" headers', () => {
    const csr = opensslCsr('o4', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-subj', '/CN=paste.test');
    const pasted = `\r\n   ${csr.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST').replace(/\n/g, '\r\n')}\r\n\t`;
    const parsed = parseCsr(pasted);
    expect(parsed.commonName).toBe('paste.test');
    expect(parsed.pem).toBe(derToPem(pemToDer(csr), 'CERTIFICATE REQUEST'));
    expect(reqVerify(file('renormalised.csr', parsed.pem))).toMatch(/self-signature verify OK/);
  });

  it('takes the common name from the SAN when the subject has none', () => {
    const parsed = parseCsr(opensslCsr('o5', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-subj', '/O=No CN Ltd', '-addext', 'subjectAltName=DNS:san-only.test'));
    expect(parsed.commonName).toBe('san-only.test');
    expect(parsed.dnsNames).toEqual(['san-only.test']);
  });
});

describe('parseCsr errors', () => {
  let good: string;
  beforeAll(() => {
    good = buildCsr({ privateKeyPem: ecKey, subject: { commonName: 'tamper.example.com' } });
  });

  const reasonOf = (text: string) => {
    try {
      parseCsr(text);
    } catch (err) {
      expect(err).toBeInstanceOf(CsrError);
      return { reason: (err as CsrError).reason, message: (err as CsrError).message };
    }
    throw new Error('parseCsr accepted it');
  };

  it('garbage is not_pem, with the expected first line in the message', () => {
    expect(reasonOf('hello world')).toEqual({ reason: 'not_pem', message: 'The CSR is not valid PEM: it must start with -----BEGIN CERTIFICATE REQUEST-----.' });
    expect(reasonOf('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----').message).toMatch(/This is a certificate, not a CSR/);
  });

  it('a CSR cut before its END line is not_pem; one cut in the middle is malformed', () => {
    expect(reasonOf(good.slice(0, 200)).reason).toBe('not_pem');
    const lines = good.trim().split('\n');
    const cut = [lines[0], lines[1], lines[2], lines[lines.length - 1]].join('\n');
    expect(reasonOf(cut).reason).toBe('malformed');
    expect(reasonOf(derToPem(Buffer.from('3003020100', 'hex'), 'CERTIFICATE REQUEST')).reason).toBe('malformed');
  });

  it('an edited CSR fails openssl -verify and is bad_signature here', () => {
    const der = pemToDer(good);
    const at = der.indexOf(Buffer.from('tamper.example.com'));
    expect(at).toBeGreaterThan(0);
    der.write('x', at); // "xamper.example.com"
    const tampered = derToPem(der, 'CERTIFICATE REQUEST');
    expect(reqVerify(file('tampered.csr', tampered))).toMatch(/self-signature verify failure/);
    expect(reasonOf(tampered)).toEqual({ reason: 'bad_signature', message: "The CSR's signature does not verify: it was altered after it was signed. Generate it again." });
  });

  it('an Ed25519 CSR is unsupported_key', () => {
    expect(reasonOf(opensslCsr('o6', 'ed25519', '-subj', '/CN=ed.test')).reason).toBe('unsupported_key');
  });
});
