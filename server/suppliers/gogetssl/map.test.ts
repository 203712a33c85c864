import { describe, expect, it } from 'vitest';
import {
  classifyError,
  dcvEntryStatus,
  dnsMethodForBrand,
  fromGoGetSslMethod,
  isKeyRefusedText,
  normaliseStatus,
  parseDay,
  parseDnsRecord,
  staffMessage,
  toGoGetSslMethod,
  usesGeotrustApprovers,
  webserverTypeFor,
} from './map';

const NOW = new Date('2026-05-10T12:00:00Z');

describe('GoGetSSL status mapping', () => {
  it.each([
    ['new_order', 'pending_validation'],
    ['incomplete', 'pending_validation'],
    ['unpaid', 'pending_validation'],
    ['pending', 'pending_validation'],
    ['processing', 'pending_validation'],
    ['reissue', 'pending_validation'],
    ['active', 'issued'],
    ['rejected', 'rejected'],
    ['cancelled', 'cancelled'],
    ['canceled', 'cancelled'],
    ['refunded', 'cancelled'],
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['ACTIVE ', 'issued'],
  ])('%s → %s', (raw, normal) => {
    expect(normaliseStatus(raw, undefined, NOW)).toBe(normal);
  });

  it('reports a status it does not know as unknown, which never moves state', () => {
    expect(normaliseStatus('waiting_for_godot', '2020-01-01', NOW)).toBe('unknown');
    expect(normaliseStatus('', undefined, NOW)).toBe('unknown');
  });

  it('derives expired from valid_till while GoGetSSL still says active', () => {
    expect(normaliseStatus('active', '2026-05-09', NOW)).toBe('expired');
    // The last valid day itself still counts as valid.
    expect(normaliseStatus('active', '2026-05-10', NOW)).toBe('issued');
    expect(normaliseStatus('active', '2027-01-01', NOW)).toBe('issued');
    // PHP's zero date and junk are no validity end.
    expect(normaliseStatus('active', '0000-00-00', NOW)).toBe('issued');
    expect(normaliseStatus('active', 'soon', NOW)).toBe('issued');
    // Only issued certificates expire by date.
    expect(normaliseStatus('processing', '2020-01-01', NOW)).toBe('pending_validation');
  });

  it('reads days with or without a time part', () => {
    expect(parseDay('2026-03-01 10:11:12')).toBe('2026-03-01');
    expect(parseDay('0000-00-00')).toBeUndefined();
    expect(parseDay(undefined)).toBeUndefined();
  });
});

describe('GoGetSSL validation methods', () => {
  it('maps ours to theirs', () => {
    expect(toGoGetSslMethod('email')).toBe('email');
    expect(toGoGetSslMethod('dns_txt')).toBe('dns');
    expect(toGoGetSslMethod('dns_cname')).toBe('dns');
    expect(toGoGetSslMethod('http')).toBe('http');
    expect(toGoGetSslMethod('https')).toBe('https');
  });

  it('maps theirs to ours, with the DNS record type deciding TXT or CNAME', () => {
    expect(fromGoGetSslMethod('email')).toBe('email');
    expect(fromGoGetSslMethod('admin@example.com')).toBe('email');
    expect(fromGoGetSslMethod('dns', 'CNAME')).toBe('dns_cname');
    expect(fromGoGetSslMethod('dns', 'TXT')).toBe('dns_txt');
    expect(fromGoGetSslMethod('HTTPS')).toBe('https');
    expect(fromGoGetSslMethod('carrier-pigeon')).toBeUndefined();
  });

  it('knows the brand conventions', () => {
    expect(dnsMethodForBrand('comodo')).toBe('dns_cname');
    expect(dnsMethodForBrand('sectigo')).toBe('dns_cname');
    expect(dnsMethodForBrand('rapidssl')).toBe('dns_txt');
    expect(webserverTypeFor('comodo')).toBe('-1');
    expect(webserverTypeFor('digicert')).toBe('18');
    expect(usesGeotrustApprovers('geotrust')).toBe(true);
    expect(usesGeotrustApprovers('comodo')).toBe(false);
  });

  it('parses both DNS record spellings', () => {
    expect(parseDnsRecord('_a1b2c3.example.com. CNAME d4e5f6.sectigo.com.')).toEqual({ host: '_a1b2c3.example.com', type: 'CNAME', value: 'd4e5f6.sectigo.com' });
    expect(parseDnsRecord('_dnsauth.example.com IN   TXT "2024abc"')).toEqual({ host: '_dnsauth.example.com', type: 'TXT', value: '2024abc' });
    expect(parseDnsRecord('example.com. 3600 IN TXT value-without-quotes')).toEqual({ host: 'example.com', type: 'TXT', value: 'value-without-quotes' });
    expect(parseDnsRecord('nonsense')).toBeUndefined();
  });

  it('reads per-domain validation states', () => {
    expect(dcvEntryStatus('2', 'Validated')).toBe('valid');
    expect(dcvEntryStatus('1', 'Pending validation')).toBe('pending');
    expect(dcvEntryStatus('1', 'Not validated')).toBe('pending');
    expect(dcvEntryStatus('3', 'Validation failed')).toBe('failed');
    expect(dcvEntryStatus('', '')).toBe('pending');
  });
});

describe('GoGetSSL error texts', () => {
  it.each([
    ['API access from IP 10.0.0.1 is not allowed', 403, 'ip_not_allowed', 'permanent'],
    ['Insufficient funds: You do not have enough funds on your account balance', 200, 'insufficient_funds', 'permanent'],
    ['Authorization error: Wrong login or password', 401, 'auth_failed', 'permanent'],
    ['Auth key expired', 200, 'auth_failed', 'permanent'],
    ['Whatever', 403, 'auth_failed', 'permanent'],
    ['Function is locked for 10 minutes', 200, 'temporary', 'transient'],
    ['Order error: Order not found', 200, 'not_found', 'permanent'],
    ['CSR error: Invalid CSR', 200, 'invalid_request', 'action_required'],
    ['DCV error: Approver email x@y is not valid for z', 200, 'invalid_request', 'action_required'],
    ['Something odd happened', 200, 'invalid_request', 'permanent'],
  ])('%s (HTTP %i) → %s/%s', (text, status, code, kind) => {
    expect(classifyError(text, status)).toMatchObject({ code, kind });
  });

  it('recognises expired-key answers', () => {
    expect(isKeyRefusedText('Your auth_key has expired. Please authorize again.')).toBe(true);
    expect(isKeyRefusedText('Order not found')).toBe(false);
  });

  it('writes messages for staff with the supplier text first', () => {
    expect(staffMessage('Insufficient funds.', 'top up')).toBe('GoGetSSL says: Insufficient funds — top up');
    expect(staffMessage('', 'retry')).toBe('GoGetSSL says: an error without explanation — retry');
  });
});
