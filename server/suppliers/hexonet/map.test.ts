import { describe, expect, it } from 'vitest';
import { errorFor, instructionFor, parseDnsRecord, parseHexonetDate, statusOf, validationFor } from './map';

const now = new Date('2026-11-22T12:00:00Z');

describe('statusOf', () => {
  it.each([
    ['REQUESTEDCREATE', 'pending_validation'],
    ['PENDINGCREATE', 'pending_validation'],
    ['REQUESTEDRENEW', 'pending_validation'],
    ['ACTIVE', 'issued'],
    ['REPLACED', 'issued'],
    ['FAILED', 'rejected'],
    ['REVOKED', 'revoked'],
    ['active', 'issued'],
    ['SOMETHINGNEW', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (raw, expected) => {
    expect(statusOf(raw, undefined, now)).toBe(expected);
  });

  it('derives expired from the validity end of an issued certificate only', () => {
    const past = new Date('2026-11-01T00:00:00Z');
    expect(statusOf('ACTIVE', past, now)).toBe('expired');
    expect(statusOf('REPLACED', past, now)).toBe('expired');
    expect(statusOf('ACTIVE', new Date('2027-01-01T00:00:00Z'), now)).toBe('issued');
    expect(statusOf('PENDINGCREATE', past, now)).toBe('pending_validation');
    expect(statusOf('UNHEARD', past, now)).toBe('unknown');
  });
});

describe('dates', () => {
  it('reads HEXONET date-times as UTC and rejects junk', () => {
    expect(parseHexonetDate('2017-11-22 23:59:59')?.toISOString()).toBe('2017-11-22T23:59:59.000Z');
    expect(parseHexonetDate('2016-11-14')?.toISOString()).toBe('2016-11-14T00:00:00.000Z');
    expect(parseHexonetDate('')).toBeUndefined();
    expect(parseHexonetDate(undefined)).toBeUndefined();
    expect(parseHexonetDate('soon')).toBeUndefined();
  });
});

describe('validation methods', () => {
  it('maps every certbridge method to HEXONET spelling', () => {
    expect(validationFor('email')).toBe('EMAIL');
    expect(validationFor('dns_txt')).toBe('DNSZONE');
    expect(validationFor('dns_cname')).toBe('DNSZONE');
    expect(validationFor('http')).toBe('URL');
    expect(validationFor('https')).toBe('URL');
  });

  it('splits VALIDATIONDNSRR into host, type and value', () => {
    expect(parseDnsRecord('_5e2c.example.com. CNAME 7a1f.sectigo.com.')).toEqual({ host: '_5e2c.example.com.', type: 'CNAME', value: '7a1f.sectigo.com.' });
    expect(parseDnsRecord('example.com. 3600 IN TXT "abc def"')).toEqual({ host: 'example.com.', type: 'TXT', value: 'abc def' });
    expect(parseDnsRecord('example.com. txt token')).toEqual({ host: 'example.com.', type: 'TXT', value: 'token' });
    expect(parseDnsRecord('')).toBeUndefined();
    expect(parseDnsRecord('only-a-host')).toBeUndefined();
  });

  it('turns a raw validation into an instruction', () => {
    const base = { domain: 'example.com', method: '', email: '', dnsRr: '', url: '', urlContent: '' };
    expect(instructionFor({ ...base, email: 'admin@example.com' }, 'pending')).toEqual({ domain: 'example.com', method: 'email', status: 'pending', email: 'admin@example.com' });
    expect(instructionFor({ ...base, method: 'DNSZONE', dnsRr: 'example.com. TXT "t0k"' }, 'valid')).toEqual({ domain: 'example.com', method: 'dns_txt', status: 'valid', dns: { host: 'example.com.', type: 'TXT', value: 't0k' } });
    expect(instructionFor({ ...base, method: 'DNSZONE', dnsRr: '_a.example.com. CNAME b.sectigo.com.' }, 'pending').method).toBe('dns_cname');
    expect(instructionFor({ ...base, method: 'URL', url: 'https://example.com/.well-known/pki-validation/ABC.txt', urlContent: 'x y z' }, 'failed')).toEqual({
      domain: 'example.com',
      method: 'https',
      status: 'failed',
      http: { url: 'https://example.com/.well-known/pki-validation/ABC.txt', fileName: 'ABC.txt', content: 'x y z' },
    });
  });
});

describe('errorFor', () => {
  it.each([
    [530, 'Authentication failed', 'auth_failed', 'permanent'],
    [531, 'Authorization failed; Operation forbidden by ACL', 'auth_failed', 'permanent'],
    [531, 'Authorization failed; Access denied from IP address 203.0.113.7', 'ip_not_allowed', 'permanent'],
    [546, 'Credit limit exceeded', 'insufficient_funds', 'permanent'],
    [545, 'Object not found', 'not_found', 'permanent'],
    [504, 'Missing required attribute; SSLCERTCLASS', 'invalid_request', 'permanent'],
    [541, 'Invalid attribute value; PERIOD', 'invalid_request', 'permanent'],
    [505, 'Invalid attribute value syntax; CSR', 'invalid_request', 'action_required'],
    [552, 'Object status does not allow for operation', 'invalid_request', 'permanent'],
    [421, 'Command failed due to server error. Client should try again', 'temporary', 'transient'],
    [425, 'Usage lock', 'temporary', 'transient'],
    [999, 'odd', 'temporary', 'transient'],
  ])('%i %s → %s/%s', (code, text, expectedCode, kind) => {
    const e = errorFor(code, text);
    expect({ code: e.code, kind: e.kind }).toEqual({ code: expectedCode, kind });
    expect(e.supplier).toBe('hexonet');
    expect(e.supplierText).toBe(`${code} ${text}`);
    expect(e.message).toMatch(new RegExp(`^HEXONET says: ${code} .* — .+`));
  });

  it('tells staff what to do about a refused IP', () => {
    expect(errorFor(531, 'Access denied from IP address 203.0.113.7').message).toContain("add this server's IP address");
  });
});
