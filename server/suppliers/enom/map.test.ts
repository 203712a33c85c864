import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../crypto/csr';
import { generatePrivateKey } from '../../crypto/keys';
import { createSandboxCa, issueLeafCertificate } from '../sandbox/ca';
import {
  certificatesIn,
  dcvInstruction,
  dnsRecordFrom,
  enomBool,
  enomError,
  enomPhone,
  enomStatus,
  fromEnomDvAuthMethod,
  httpFileFrom,
  parseEnomAmount,
  parseEnomDate,
  reissueState,
  toEnomDvAuthMethod,
  type EnomDcvFields,
} from './map';

const now = new Date('2026-06-01T12:00:00Z');
const later = new Date('2027-06-01T00:00:00Z');
const status = (statusId: string, statusText: string, extra: Partial<Parameters<typeof enomStatus>[0]> = {}) => enomStatus({ statusId, statusText, now, validTo: later, ...extra }).status;

describe('Enom certificate status', () => {
  it('maps every CertStatusID of the documented table', () => {
    const table: Array<[string, string]> = [
      ['1', 'unknown'],
      ['2', 'pending_validation'],
      ['4', 'issued'],
      ['6', 'rejected'],
      ['7', 'cancelled'],
      ['8', 'cancelled'],
      ['9', 'pending_validation'],
      ['10', 'processing'],
      ['12', 'issued'],
      ['13', 'issued'],
    ];
    for (const [id, expected] of table) expect(status(id, ''), `id ${id}`).toBe(expected);
  });

  it('keeps retired and unheard-of ids as unknown, never guessing a state', () => {
    for (const id of ['3', '5', '11', '99', '', 'x']) expect(status(id, '')).toBe('unknown');
  });

  it('trusts the text over the id (Enom documents "Cert Issued" with id 7)', () => {
    expect(status('7', 'Cert Issued')).toBe('issued');
    expect(status('4', 'Certificate Issued')).toBe('issued');
    expect(status('7', 'Refunded – No Cert Issued')).toBe('cancelled');
    expect(status('8', 'refunded-cert issued')).toBe('cancelled');
    expect(status('9', 'Approval Email Sent')).toBe('pending_validation');
    expect(status('10', 'Approved by Domain Owner')).toBe('processing');
    expect(status('6', 'Rejected by Customer')).toBe('rejected');
  });

  it('derives expired from the validity end or IsExpired, for issued certificates only', () => {
    const past = new Date('2026-05-31T00:00:00Z');
    expect(status('4', 'Cert Issued', { validTo: past })).toBe('expired');
    expect(status('4', 'Cert Issued', { isExpired: true })).toBe('expired');
    expect(status('2', 'Processing', { validTo: past })).toBe('pending_validation');
    expect(status('6', 'Rejected by Customer', { isExpired: true })).toBe('rejected');
    expect(enomStatus({ statusId: '4', statusText: 'Cert Issued', now, validTo: past }).rawStatus).toBe('Cert Issued (4), expired');
  });

  it('reports a reissue in progress as pending validation and an unreadable one as unknown', () => {
    expect(status('4', 'Cert Issued', { reissueStatus: 'Pending' })).toBe('pending_validation');
    expect(status('4', 'Cert Issued', { reissueStatus: 'Completed' })).toBe('issued');
    expect(status('4', 'Cert Issued', { reissueStatus: 'Frobnicated' })).toBe('unknown');
    expect(reissueState('')).toBe('none');
    expect(reissueState('In Progress')).toBe('pending');
    expect(enomStatus({ statusId: '4', statusText: 'Cert Issued', now, reissueStatus: 'Pending' }).rawStatus).toBe('Cert Issued (4), reissue: Pending');
  });
});

describe('Enom validation methods', () => {
  it('translates both ways and refuses what Enom lacks', () => {
    expect(toEnomDvAuthMethod('email')).toBe('Email');
    expect(toEnomDvAuthMethod('dns_txt')).toBe('DNS');
    expect(toEnomDvAuthMethod('http')).toBe('File');
    expect(toEnomDvAuthMethod('dns_cname')).toBeUndefined();
    expect(toEnomDvAuthMethod('https')).toBeUndefined();
    expect(fromEnomDvAuthMethod('')).toBe('email');
    expect(fromEnomDvAuthMethod('EMAIL')).toBe('email');
    expect(fromEnomDvAuthMethod('DNS')).toBe('dns_txt');
    expect(fromEnomDvAuthMethod('file')).toBe('http');
    expect(fromEnomDvAuthMethod('carrier pigeon')).toBeUndefined();
  });

  it('reads GeoTrust-style DNS data (token entry, host address)', () => {
    expect(dnsRecordFrom('buditest.com', 's23lxkrm431e2d23d1188qij441a', 's20201215064552.buditest.com', '')).toEqual({ host: 's20201215064552.buditest.com', type: 'TXT', value: 's23lxkrm431e2d23d1188qij441a' });
  });

  it('reads Encryption-Everywhere-style DNS data ("@" entry, value split over lines)', () => {
    expect(dnsRecordFrom('*.example.com', '@', '\n   20170303210335hi8lp217ob29\n   a2f4vh4jo\n', 'TXT')).toEqual({ host: 'example.com', type: 'TXT', value: '20170303210335hi8lp217ob29a2f4vh4jo' });
    expect(dnsRecordFrom('example.com', '_dnsauth', 'abc', 'CNAME')).toEqual({ host: '_dnsauth.example.com', type: 'CNAME', value: 'abc' });
  });

  it('reads file validation as a URL under /.well-known/pki-validation/ unless Enom gives a path', () => {
    expect(httpFileFrom('www.example.com', 'fileauth.txt', 'abc\r\n')).toEqual({ url: 'http://www.example.com/.well-known/pki-validation/fileauth.txt', fileName: 'fileauth.txt', content: 'abc\n' });
    expect(httpFileFrom('example.com', '/.well-known/pki-validation/x.txt', 'y').url).toBe('http://example.com/.well-known/pki-validation/x.txt');
  });

  it('builds one instruction per certificate with a status that follows the order', () => {
    const f: EnomDcvFields = { dvAuthMethod: 'Email', approverEmail: 'admin@example.com', authStatusName: '', fileAuthName: '', fileAuthContents: '', dnsAuthEntry: '', dnsAuthAddress: '', dnsAuthType: '' };
    expect(dcvInstruction('example.com', f, 'pending_validation')).toEqual({ domain: 'example.com', method: 'email', status: 'pending', email: 'admin@example.com' });
    expect(dcvInstruction('example.com', f, 'issued')?.status).toBe('valid');
    expect(dcvInstruction('example.com', f, 'rejected')?.status).toBe('failed');
    expect(dcvInstruction('example.com', { ...f, dvAuthMethod: 'DNS', authStatusName: 'AUTHENTICATED', dnsAuthEntry: 'tok', dnsAuthAddress: 's1.example.com' }, 'pending_validation')?.status).toBe('valid');
    expect(dcvInstruction('', f, 'issued')).toBeUndefined();
    expect(dcvInstruction('example.com', { ...f, dvAuthMethod: 'Fax' }, 'issued')).toBeUndefined();
  });
});

describe('Enom errors', () => {
  it('recognises the IP refusal with either suffix and keeps the supplier text', () => {
    for (const text of ['User not permitted from this IP address - 4', 'User not permitted from this IP address: 203.0.113.7', 'Invalid client IP']) {
      const e = enomError('GetBalance', [text]);
      expect({ code: e.code, kind: e.kind, supplierText: e.supplierText }).toEqual({ code: 'ip_not_allowed', kind: 'permanent', supplierText: text });
      expect(e.message).toBe(`Enom says: ${text} — add this server's IP address in your Enom reseller panel (Resellers > Manage > API); the test account has its own list`);
    }
  });

  it('recognises refused credentials, by text or by response number', () => {
    expect(enomError('GetBalance', ['Bad User name or Password']).code).toBe('auth_failed');
    expect(enomError('GetBalance', ['Access denied'], ['304156']).code).toBe('auth_failed');
  });

  it('recognises an empty balance, by text or by x24xxx', () => {
    expect(enomError('InsertNewOrder', ['Insufficient funds in account to complete this order']).code).toBe('insufficient_funds');
    expect(enomError('InsertNewOrder', ['Order failed'], ['524181']).code).toBe('insufficient_funds');
  });

  it('recognises an unknown certificate, and system trouble as transient', () => {
    expect(enomError('CertGetCertDetail', ['Cert ID 999 was not found in this account']).code).toBe('not_found');
    const t = enomError('CertGetCerts', ['The system is down for maintenance, please try again later']);
    expect({ code: t.code, kind: t.kind }).toEqual({ code: 'temporary', kind: 'transient' });
    expect(enomError('CertGetCerts', ['x'], ['618000']).kind).toBe('transient');
  });

  it("uses the caller's kind for texts it does not know, and never matches an approver error as not_found", () => {
    const e = enomError('CertPurchaseCert', ['Approver email not found in the list'], [], 'action_required');
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(enomError('CertGetCerts', []).supplierText).toBe('CertGetCerts failed without an error text');
  });
});

describe('Enom values', () => {
  it('reads booleans, dates, amounts and phones as Enom writes them', () => {
    expect(['True', 'true', '1', 'Y'].map(enomBool)).toEqual([true, true, true, true]);
    expect(['False', '', '0', 'N'].map(enomBool)).toEqual([false, false, false, false]);
    expect(parseEnomDate('12/15/2016 5:13:02 PM')?.toISOString()).toBe('2016-12-15T17:13:02.000Z');
    expect(parseEnomDate('12/15/2016 12:01:00 AM')?.toISOString()).toBe('2016-12-15T00:01:00.000Z');
    expect(parseEnomDate('1/9/2014')?.toISOString()).toBe('2014-01-09T00:00:00.000Z');
    expect(parseEnomDate('')).toBeUndefined();
    expect(parseEnomAmount('2,261.65')).toBe('2261.65');
    expect(parseEnomAmount('-1,832.23')).toBe('-1832.23');
    expect(parseEnomAmount('8.95')).toBe('8.95');
    expect(parseEnomAmount('n/a')).toBeUndefined();
    expect(enomPhone(' +49.30 123-4567 ')).toBe('+49.301234567');
    expect(enomPhone('0049.301234567')).toBe('+49.301234567');
  });

  it('takes certificates out of indented CDATA text and ignores damaged ones', async () => {
    const ca = await createSandboxCa();
    const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
    const leaf = issueLeafCertificate(ca, { csrPem: buildCsr({ privateKeyPem: key, subject: { commonName: 'a.example' }, altNames: ['a.example'] }), dnsNames: ['a.example'], issuedAt: new Date() });
    const indented = `${leaf}${ca.intermediate.certificatePem}`.split('\n').map((l) => `   ${l}`).join('\r\n');
    expect(certificatesIn(indented)).toEqual([leaf, ca.intermediate.certificatePem]);
    expect(certificatesIn('')).toEqual([]);
    expect(certificatesIn('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----')).toEqual([]);
  });
});
