import { describe, expect, it } from 'vitest';
import { approverMethodFor, dcvMethodFor, dcvMethodFromSiteinfo, isPastEndDate, normalizeStatus, rawStatus, supplierError } from './map';

const NOW = new Date('2026-06-15T12:00:00Z');
const status = (itemStatus: string, serviceStatus: string, expiredate = '2026-12-31') => normalizeStatus({ itemStatus, serviceStatus, expiredate }, NOW);

describe('ispmanager status mapping', () => {
  it.each([
    ['2', '3', 'pending_validation'],
    ['2', '4', 'pending_validation'],
    ['5', '3', 'pending_validation'],
    ['2', '5', 'issued'],
    ['2', '6', 'rejected'],
    ['4', '3', 'cancelled'],
    ['4', '6', 'cancelled'],
    ['4', '5', 'cancelled'],
    ['2', '0', 'processing'],
    ['5', '', 'processing'],
    ['1', '0', 'unknown'],
    ['3', '3', 'unknown'],
    ['3', '5', 'unknown'],
  ])('item %s, certificate %s → %s', (item, cert, expected) => {
    expect(status(item, cert)).toBe(expected);
  });

  it('derives expired from the end date: issued, suspended or deleted after it', () => {
    expect(status('2', '5', '2026-06-14')).toBe('expired');
    expect(status('3', '5', '2026-06-14')).toBe('expired');
    expect(status('4', '5', '2026-06-14')).toBe('expired');
    expect(status('3', '3', '2026-06-14')).toBe('expired');
    // The end date itself still counts as valid (to the end of that day).
    expect(status('2', '5', '2026-06-15')).toBe('issued');
  });

  it('never guesses: codes outside the tables are unknown', () => {
    expect(status('7', '5')).toBe('unknown');
    expect(status('2', '9')).toBe('unknown');
    expect(status('', '')).toBe('unknown');
  });

  it('keeps both raw codes with their meaning', () => {
    expect(rawStatus({ itemStatus: '2', serviceStatus: '3', expiredate: '' })).toBe('2/3 (active / request sent to CA)');
    expect(rawStatus({ itemStatus: '9', serviceStatus: '', expiredate: '' })).toBe('9/0 (unknown item status / not sent)');
  });

  it('reads end dates with or without a time; empty and zero dates never pass', () => {
    expect(isPastEndDate('2026-06-15 11:59:59', NOW)).toBe(true);
    expect(isPastEndDate('2026-06-15 12:00:01', NOW)).toBe(false);
    expect(isPastEndDate('', NOW)).toBe(false);
    expect(isPastEndDate('0000-00-00', NOW)).toBe(false);
  });
});

describe('ispmanager validation methods', () => {
  it('maps approver_method both ways', () => {
    expect(dcvMethodFor('auth_email')).toBe('email');
    expect(dcvMethodFor('AUTH_DNSTXT')).toBe('dns_txt');
    expect(dcvMethodFor('auth_cname')).toBe('dns_cname');
    expect(dcvMethodFor('auth_file')).toBe('http');
    expect(dcvMethodFor('auth_smoke')).toBeUndefined();
    expect(approverMethodFor('dns_txt')).toBe('auth_dnstxt');
    expect(approverMethodFor('https')).toBeUndefined();
  });

  it('reads siteinfo spellings', () => {
    expect(['email', 'dns', 'cname', 'file', 'fax'].map(dcvMethodFromSiteinfo)).toEqual(['email', 'dns_txt', 'dns_cname', 'http', undefined]);
  });
});

describe('ispmanager error mapping', () => {
  const e = (type: string, object: string, text: string) => supplierError({ type, object, text });

  it.each([
    ['auth', '', 'Invalid username or password', 'auth_failed', 'permanent'],
    ['access', 'ip', 'Access denied', 'ip_not_allowed', 'permanent'],
    ['auth', '', 'Login from IP address 10.0.0.1 is forbidden', 'ip_not_allowed', 'permanent'],
    ['access', '', 'Insufficient privileges', 'auth_failed', 'permanent'],
    ['balance', 'balance', 'Insufficient funds', 'insufficient_funds', 'permanent'],
    ['value', '', 'Not enough money on the balance: insufficient funds', 'insufficient_funds', 'permanent'],
    ['missed', 'elid', 'Object not found', 'not_found', 'permanent'],
    ['missed', 'pricelist', 'Tariff not found', 'invalid_request', 'permanent'],
    ['value', 'approver_email_2', 'bad address', 'invalid_request', 'action_required'],
    ['value', 'period', 'bad period', 'invalid_request', 'permanent'],
    ['xmlerror', '', 'internal', 'temporary', 'transient'],
    ['somethingnew', '', 'huh', 'invalid_request', 'permanent'],
  ])('%s/%s → %s', (type, object, text, code, kind) => {
    const err = e(type, object, text);
    expect({ code: err.code, kind: err.kind }).toEqual({ code, kind });
  });

  it('writes "ispmanager says: <their text> — <what to do>" and keeps their text', () => {
    const err = e('access', 'ip', 'API access is not allowed from IP address 192.0.2.7');
    expect(err.message).toBe("ispmanager says: API access is not allowed from IP address 192.0.2.7 — add this server's IP address to the addresses allowed to use the API in your ispmanager account.");
    expect(err.supplierText).toBe('API access is not allowed from IP address 192.0.2.7');
    expect(err.supplier).toBe('ispmanager');
  });

  it('says which error it was when ispmanager gave no text', () => {
    const err = e('value', 'csr', '');
    expect(err.message).toContain('error type "value" on "csr"');
    expect(err.supplierText).toBe('value:csr');
  });
});
