/**
 * Translation tables between ispmanager's (BILLmanager's) codes and certbridge's: item and
 * certificate statuses, validation methods, and error types. Pure functions; adapter.ts,
 * dcv.ts and client.ts call them. Nothing here throws except supplierError, which builds
 * (does not throw) the SupplierError the client then throws.
 *
 * Anything not in a table maps to 'unknown' (a status) or undefined (a method), never to a
 * guess: an unknown status must not move an order's state.
 */
import { SupplierError, type SupplierErrorCode, type SupplierErrorKind } from '../errors';
import type { DcvMethod, NormalizedStatus } from '../supplier';
import type { BillError } from './envelope';
import { CODE, DISPLAY_NAME } from './identity';

/** BILLmanager item (billing) status: the service as the billing system sees it. */
export const ITEM_STATUS: Record<string, string> = {
  '1': 'ordered',
  '2': 'active',
  '3': 'suspended',
  '4': 'deleted',
  '5': 'processing',
};

/** Certificate sub-status (service_status) the processing module writes as the CA works. */
export const CERT_STATUS: Record<string, string> = {
  '0': 'not sent',
  '1': 'ordered',
  '2': 'paid',
  '3': 'request sent to CA',
  '4': 'awaiting issuance',
  '5': 'issued',
  '6': 'failed',
};

export interface StatusInput {
  itemStatus: string;
  serviceStatus: string;
  /** YYYY-MM-DD (or with a time); the certificate end date once issued. */
  expiredate: string;
}

export function rawStatus(s: StatusInput): string {
  const cert = s.serviceStatus || '0';
  return `${s.itemStatus || '?'}/${cert} (${ITEM_STATUS[s.itemStatus] ?? 'unknown item status'} / ${CERT_STATUS[cert] ?? 'unknown certificate status'})`;
}

export function normalizeStatus(s: StatusInput, now: Date): NormalizedStatus {
  const item = s.itemStatus;
  const cert = s.serviceStatus || '0';
  if (!(item in ITEM_STATUS) || !(cert in CERT_STATUS)) return 'unknown';
  // BILLmanager has no "expired" state for certificates: the processing module sets the
  // item's expiredate to the certificate's end date, and the billing suspends the item
  // after it. So expiry is derived from that date.
  const pastEnd = isPastEndDate(s.expiredate, now);
  if (cert === '5') {
    if (pastEnd) return 'expired';
    if (item === '4') return 'cancelled';
    // Suspended before its end date: ispmanager stopped the service (abuse, a dispute);
    // nothing certbridge can conclude, so the last known state stays.
    if (item === '3') return 'unknown';
    return 'issued';
  }
  if (item === '4') return 'cancelled';
  if (cert === '6') return 'rejected';
  if (item === '3') return pastEnd ? 'expired' : 'unknown';
  // 3 and 4 both mean the CA has the request and waits for domain control validation.
  if (cert === '3' || cert === '4') return 'pending_validation';
  if (item === '2' || item === '5') return 'processing';
  // Item status 1: ordered but not paid (left in the basket) — nothing will happen.
  return 'unknown';
}

/** A date-only end date counts to the end of that day (UTC); an empty/zero date never passes. */
export function isPastEndDate(date: string, now: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(date.trim());
  if (!m || m[1] === '0000') return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const end = m[4] !== undefined ? Date.UTC(y, mo, d, Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) : Date.UTC(y, mo, d + 1);
  return now.getTime() >= end;
}

/** ispmanager's approver_method values ↔ certbridge's validation methods. */
const METHOD_BY_APPROVER: Record<string, DcvMethod> = {
  auth_email: 'email',
  auth_dnstxt: 'dns_txt',
  auth_cname: 'dns_cname',
  auth_file: 'http',
};

export function dcvMethodFor(approverMethod: string): DcvMethod | undefined {
  return METHOD_BY_APPROVER[approverMethod.trim().toLowerCase()];
}

export function approverMethodFor(method: DcvMethod): string | undefined {
  return Object.entries(METHOD_BY_APPROVER).find(([, m]) => m === method)?.[0];
}

/** siteinfo's spellings of validation methods (a product's "dcv=email|dns|cname|file"). */
export function dcvMethodFromSiteinfo(word: string): DcvMethod | undefined {
  const w = word.trim().toLowerCase();
  if (w === 'email' || w === 'auth_email') return 'email';
  if (w === 'dns' || w === 'dnstxt' || w === 'txt' || w === 'auth_dnstxt') return 'dns_txt';
  if (w === 'cname' || w === 'auth_cname') return 'dns_cname';
  if (w === 'file' || w === 'http' || w === 'auth_file') return 'http';
  return undefined;
}

interface ErrorRule {
  code: SupplierErrorCode;
  kind: SupplierErrorKind;
  advice: (e: BillError) => string;
}

const AUTH: ErrorRule = { code: 'auth_failed', kind: 'permanent', advice: () => "check the account e-mail and password in certbridge's ispmanager settings" };
const IP: ErrorRule = { code: 'ip_not_allowed', kind: 'permanent', advice: () => "add this server's IP address to the addresses allowed to use the API in your ispmanager account" };
const FUNDS: ErrorRule = { code: 'insufficient_funds', kind: 'permanent', advice: () => 'top up the ispmanager account balance, then place the order again' };
const NOT_FOUND: ErrorRule = { code: 'not_found', kind: 'permanent', advice: () => 'this certificate does not exist in the configured ispmanager account; check the supplier order ID' };
const TEMPORARY: ErrorRule = { code: 'temporary', kind: 'transient', advice: () => 'ispmanager had an internal problem; certbridge will try again' };
const UNKNOWN: ErrorRule = { code: 'invalid_request', kind: 'permanent', advice: () => 'ispmanager refused the request; if the reason is unclear, ask ispmanager support' };

/** Fields the client chose (CSR, names, approver addresses): fixing them is their job. */
const CLIENT_FIELDS = /^(csr|cn|altname|altname_input|approver_email(_\d+)?|approver_method|domains)$/i;

const invalid = (e: BillError): ErrorRule => ({
  code: 'invalid_request',
  kind: CLIENT_FIELDS.test(e.object) ? 'action_required' : 'permanent',
  advice: () => (e.object ? `correct "${e.object}" and submit again` : 'correct the order details and submit again'),
});

function ruleFor(e: BillError): ErrorRule {
  const type = e.type.toLowerCase();
  // An IP restriction arrives as an auth or access error; only the object/text tell it apart.
  const mentionsIp = e.object.toLowerCase() === 'ip' || /\bIP\b|IP address|IP-адрес/i.test(e.text);
  if ((type === 'auth' || type === 'access') && mentionsIp) return IP;
  if (type === 'auth' || type === 'access') return AUTH;
  if (['balance', 'payment', 'money', 'notenoughmoney', 'not_enough_money'].includes(type)) return FUNDS;
  if (/insufficient funds|not enough money|недостаточно средств/i.test(e.text)) return FUNDS;
  if (type === 'missed' && (e.object === '' || /^(elid|id|certificate|item)$/i.test(e.object))) return NOT_FOUND;
  if (['missed', 'value', 'empty', 'exists', 'long', 'short', 'range', 'type'].includes(type)) return invalid(e);
  if (['xmlerror', 'internal', 'sys', 'timeout', 'busy'].includes(type)) return TEMPORARY;
  return UNKNOWN;
}

/** "ispmanager says: <their text> — <what to do>", with their text kept for the operator. */
export function supplierError(e: BillError): SupplierError {
  const rule = ruleFor(e);
  const said = e.text || `error type "${e.type}"${e.object ? ` on "${e.object}"` : ''}`;
  return new SupplierError(CODE, rule.code, rule.kind, `${DISPLAY_NAME} says: ${said} — ${rule.advice(e)}.`, e.text || `${e.type}:${e.object}`);
}
