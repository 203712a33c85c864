/**
 * HEXONET's words → certbridge's (suppliers.md §1.3, §1.6, §6.2–6.4): certificate STATUS values,
 * DCV method names, the VALIDATIONDNSRR string, and response codes → SupplierError. Pure
 * tables; the client uses errorFor, the adapter the rest. Nothing here throws except
 * errorFor's callers, who throw what it returns.
 */
import { SupplierError, type SupplierErrorCode, type SupplierErrorKind } from '../errors';
import type { DcvInstruction, DcvMethod, NormalizedStatus } from '../supplier';

export const SUPPLIER = 'hexonet';
export const DISPLAY_NAME = 'HEXONET';

/**
 * Every STATUS we know. REQUESTEDCREATE is what CreateSSLCert answers at once (API docs'
 * example), PENDINGCREATE what StatusSSLCert shows while DCV runs; REPLACED is a certificate
 * superseded by a newer object and still usable. The revoked/cancelled/expired spellings are
 * inferred [I]: HEXONET documents no such states, so they are mapped in case they appear.
 */
const STATUS: Record<string, NormalizedStatus> = {
  REQUESTEDCREATE: 'pending_validation',
  PENDINGCREATE: 'pending_validation',
  REQUESTEDRENEW: 'pending_validation',
  PENDINGRENEW: 'pending_validation',
  REQUESTEDREISSUE: 'pending_validation',
  PENDINGREISSUE: 'pending_validation',
  ACTIVE: 'issued',
  REPLACED: 'issued',
  FAILED: 'rejected',
  REVOKED: 'revoked',
  REQUESTEDREVOKE: 'revoked',
  CANCELLED: 'cancelled',
  DELETED: 'cancelled',
  EXPIRED: 'expired',
};

/**
 * The normalised status of a certificate object. HEXONET has no explicit expired state, so an
 * issued certificate whose validity end has passed is reported expired. Anything unrecognised
 * is 'unknown', which the order service never acts on.
 */
export function statusOf(rawStatus: string, validTo: Date | undefined, now: Date): NormalizedStatus {
  const status = STATUS[rawStatus.trim().toUpperCase()] ?? 'unknown';
  if (status === 'issued' && validTo && validTo.getTime() <= now.getTime()) return 'expired';
  return status;
}

/** HEXONET date-time `YYYY-MM-DD HH:MM:SS` (UTC assumed [I]); undefined when absent or odd. */
export function parseHexonetDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function formatHexonetDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export type HexonetValidation = 'EMAIL' | 'DNSZONE' | 'URL';

/** Our method → VALIDATIONn. Both DNS flavours are DNSZONE: the CA decides TXT or CNAME. */
export function validationFor(method: DcvMethod): HexonetValidation {
  switch (method) {
    case 'email':
      return 'EMAIL';
    case 'dns_txt':
    case 'dns_cname':
      return 'DNSZONE';
    case 'http':
    case 'https':
      return 'URL';
  }
}

/**
 * `"<host> <TYPE> <value>"` → parts, as the vendor module splits it. Tolerates a class or TTL
 * between host and type (`host 3600 IN TXT "v"`) and strips the quotes around a TXT value.
 */
export function parseDnsRecord(rr: string): { host: string; type: 'TXT' | 'CNAME'; value: string } | undefined {
  const parts = rr.trim().split(/\s+/);
  const at = parts.findIndex((p, i) => i > 0 && /^(TXT|CNAME)$/i.test(p));
  if (at < 1 || at === parts.length - 1) return undefined;
  const type = parts[at].toUpperCase() as 'TXT' | 'CNAME';
  const value = parts.slice(at + 1).join(' ').replace(/^"(.*)"$/, '$1');
  return { host: parts[0], type, value };
}

export interface RawValidation {
  domain: string;
  method: string;
  email: string;
  dnsRr: string;
  url: string;
  urlContent: string;
}

/** One domain's validation as HEXONET reports it → our instruction. */
export function instructionFor(v: RawValidation, status: DcvInstruction['status']): DcvInstruction {
  const method = v.method.trim().toUpperCase() || 'EMAIL'; // EMAIL is HEXONET's default
  if (method === 'DNSZONE') {
    const dns = parseDnsRecord(v.dnsRr);
    return { domain: v.domain, method: dns?.type === 'TXT' ? 'dns_txt' : 'dns_cname', status, ...(dns ? { dns } : {}) };
  }
  if (method === 'URL') {
    const url = v.url.trim();
    const fileName = url.split('?')[0].split('/').filter(Boolean).pop() ?? '';
    return { domain: v.domain, method: /^https:/i.test(url) ? 'https' : 'http', status, ...(url ? { http: { url, fileName, content: v.urlContent } } : {}) };
  }
  return { domain: v.domain, method: 'email', status, ...(v.email ? { email: v.email } : {}) };
}

interface ErrorRule {
  code: SupplierErrorCode;
  kind: SupplierErrorKind;
  todo: string;
}

const AUTH: ErrorRule = { code: 'auth_failed', kind: 'permanent', todo: "check the HEXONET login and password in certbridge's supplier settings, and that test mode is used with an OT&E account" };
const IP: ErrorRule = { code: 'ip_not_allowed', kind: 'permanent', todo: "add this server's IP address to the allowed IPs of your HEXONET account" };
const FUNDS: ErrorRule = { code: 'insufficient_funds', kind: 'permanent', todo: 'top up your HEXONET account balance, then retry the order' };
const NOT_FOUND: ErrorRule = { code: 'not_found', kind: 'permanent', todo: 'the certificate does not exist in this HEXONET account; check the certificate id and whether the supplier is in test or live mode' };
const INVALID: ErrorRule = { code: 'invalid_request', kind: 'permanent', todo: 'HEXONET refused the request; check the order details' };
const CSR: ErrorRule = { code: 'invalid_request', kind: 'action_required', todo: 'the client must submit a new CSR' };
const TEMPORARY: ErrorRule = { code: 'temporary', kind: 'transient', todo: 'a temporary problem at HEXONET; certbridge will retry' };

/** Which rule a non-2xx response code falls under (§6.4). */
function ruleFor(code: number, description: string): ErrorRule {
  if (code >= 400 && code < 500) return TEMPORARY;
  // HEXONET's IP filter answers with an authentication/authorization code [I]; its text names the IP.
  if (code === 530 || code === 531) return /\bIP\b|ip.?address|ip.?filter/i.test(description) ? IP : AUTH;
  if (code === 546) return FUNDS;
  if (code === 545) return NOT_FOUND;
  if (code >= 500 && code < 600) return /\bCSR\b/i.test(description) ? CSR : INVALID;
  return TEMPORARY; // not a code HEXONET uses: treat like an unreadable answer
}

/** The error for a response that is not a success (code outside 2xx). */
export function errorFor(code: number, description: string): SupplierError {
  const rule = ruleFor(code, description);
  const text = `${code} ${description}`;
  return new SupplierError(SUPPLIER, rule.code, rule.kind, `${DISPLAY_NAME} says: ${text} — ${rule.todo}`, text);
}

export const isSuccess = (code: number) => code >= 200 && code < 300;
