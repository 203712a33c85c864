/**
 * GoGetSSL's vocabulary ↔ certbridge's: order statuses, validation methods, DNS record
 * strings and error texts. Pure tables and functions; the adapter, order-state.ts and the
 * client call them. Nothing here throws: an unrecognised status becomes 'unknown' (which
 * never moves an order's state), an unrecognised error text becomes invalid_request.
 */
import type { SupplierErrorCode, SupplierErrorKind } from '../errors';
import type { DcvMethod, NormalizedStatus } from '../supplier';

export const DISPLAY_NAME = 'GoGetSSL';

/**
 * `status` of GET /orders/status/{id}. Values marked [I] in suppliers.md §3.5 are included
 * so that a real answer using them is understood rather than reported as unknown.
 */
const STATUS: Readonly<Record<string, NormalizedStatus>> = {
  // Bought but not yet submitted to the CA: certbridge always sends the CSR with the order,
  // so these only last seconds and mean "waiting".
  new_order: 'pending_validation',
  incomplete: 'pending_validation',
  unpaid: 'pending_validation',
  pending: 'pending_validation',
  // GoGetSSL's v1 status does not say reliably whether domain validation is done, so
  // 'processing' is reported as waiting for validation (the CA issues right after it).
  processing: 'pending_validation',
  // A reissue needs new validation; the previous certificate is still returned beside it.
  reissue: 'pending_validation',
  active: 'issued',
  rejected: 'rejected',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  refunded: 'cancelled',
  revoked: 'revoked',
  expired: 'expired',
};

/** Statuses in which an order may still be one certbridge placed a moment ago. */
export const OPEN_RAW_STATUSES: ReadonlySet<string> = new Set(['new_order', 'incomplete', 'unpaid', 'pending', 'processing', 'active']);

/**
 * The normalised status. `validTill` is GoGetSSL's `valid_till` (YYYY-MM-DD): an issued
 * certificate whose last valid day has passed is expired even while GoGetSSL still says
 * 'active' (its own status only changes on a later run of its jobs).
 */
export function normaliseStatus(raw: string, validTill: string | undefined, now: Date): NormalizedStatus {
  const status = STATUS[raw.trim().toLowerCase()] ?? 'unknown';
  if (status === 'issued') {
    const end = parseDay(validTill);
    if (end !== undefined && end < dayOf(now)) return 'expired';
  }
  return status;
}

/** 'YYYY-MM-DD' (optionally with a time) → 'YYYY-MM-DD'; PHP's '0000-00-00' and junk → undefined. */
export function parseDay(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!m || m[1] === '0000' || m[2] === '00' || m[3] === '00') return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** GoGetSSL's `dcv_method` / `approver_emails` entries. */
export type GoGetSslMethod = 'email' | 'dns' | 'http' | 'https';

export function toGoGetSslMethod(method: DcvMethod): GoGetSslMethod {
  switch (method) {
    case 'email':
      return 'email';
    case 'dns_txt':
    case 'dns_cname':
      // One 'dns' method; the CA decides between CNAME (Sectigo) and TXT (DigiCert brands).
      return 'dns';
    case 'http':
      return 'http';
    case 'https':
      return 'https';
  }
}

/** Brands whose DNS validation is a CNAME record; the DigiCert family uses TXT. */
const CNAME_BRANDS = /^(comodo|sectigo)/i;

/** What 'dns' means for a brand, when no record string says it. */
export function dnsMethodForBrand(brand: string): 'dns_txt' | 'dns_cname' {
  return CNAME_BRANDS.test(brand) ? 'dns_cname' : 'dns_txt';
}

/** A supplier method name → ours; undefined for a name we do not know. */
export function fromGoGetSslMethod(raw: string, dnsType?: 'TXT' | 'CNAME'): DcvMethod | undefined {
  const m = raw.trim().toLowerCase();
  if (m === 'email' || m.includes('@')) return 'email';
  if (m === 'dns' || m === 'cname' || m === 'txt') return dnsType === 'CNAME' || m === 'cname' ? 'dns_cname' : 'dns_txt';
  if (m === 'http' || m === 'https') return m;
  return undefined;
}

/**
 * GoGetSSL's `webserver_type` for a brand: the official module sends -1 ("other") for
 * Comodo/Sectigo and 18 for DigiCert-family brands (suppliers.md §3.4).
 */
export function webserverTypeFor(brand: string): string {
  return CNAME_BRANDS.test(brand) ? '-1' : '18';
}

/** Brands whose approver list comes from /tools/domain/emails/geotrust. */
export function usesGeotrustApprovers(brand: string): boolean {
  return /^(geotrust|rapidssl|thawte|symantec|digicert)/i.test(brand);
}

/**
 * A DNS validation record as GoGetSSL writes it: `<name> CNAME <target>` (Sectigo) or
 * `<name> IN   TXT "<value>"` (DigiCert brands), possibly with a TTL. Trailing dots are
 * dropped because hosting panels want plain names.
 */
export function parseDnsRecord(record: string): { host: string; type: 'TXT' | 'CNAME'; value: string } | undefined {
  const m = /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?(CNAME|TXT)\s+(.+?)\s*$/i.exec(record);
  if (!m) return undefined;
  const type = m[2].toUpperCase() as 'TXT' | 'CNAME';
  let value = m[3].replace(/^"(.*)"$/, '$1');
  if (type === 'CNAME') value = value.replace(/\.$/, '');
  return { host: m[1].replace(/\.$/, ''), type, value };
}

/** Per-domain validation state from a SAN entry's texts. */
export function dcvEntryStatus(status: string, description: string): 'pending' | 'valid' | 'failed' {
  const text = `${status} ${description}`.toLowerCase();
  if (/fail|reject|invalid|error/.test(text)) return 'failed';
  if (/not |pending|waiting|progress/.test(text)) return 'pending';
  if (/validated|verified|approved|completed|\bvalid\b|\bdone\b/.test(text)) return 'valid';
  return 'pending';
}

export interface ErrorClass {
  code: SupplierErrorCode;
  kind: SupplierErrorKind;
  /** What hosting-company staff should do, appended after GoGetSSL's own words. */
  hint: string;
}

const API_SETTINGS = 'GoGetSSL client area → Reseller Modules → API settings';

/**
 * Classifies an error answer by its HTTP status and text (`message` and `description`).
 * GoGetSSL has no error codes, only English sentences, so this is text matching; the order
 * matters (an IP refusal also arrives as HTTP 403, like a bad key).
 */
export function classifyError(text: string, httpStatus: number): ErrorClass {
  const t = text.toLowerCase();
  if (/\bip\b|ip address/.test(t) && /not allowed|denied|restrict|white ?list|allow ?list|not permitted|blocked/.test(t)) {
    return { code: 'ip_not_allowed', kind: 'permanent', hint: `add this server's public IP address to the allowed IPs (${API_SETTINGS}), or lift the restriction` };
  }
  if (/insufficient (funds|balance)|not enough (funds|money|balance|credit)|low balance|top ?up|balance is too low/.test(t)) {
    return { code: 'insufficient_funds', kind: 'permanent', hint: 'top up the GoGetSSL account balance, then retry the order' };
  }
  if (httpStatus === 401 || httpStatus === 403 || isKeyRefusedText(t) || /wrong (login|password|user)|invalid (login|password|credentials|user)|authori[sz]ation (error|failed)|access denied/.test(t)) {
    return { code: 'auth_failed', kind: 'permanent', hint: `check the API login and API password in certbridge's GoGetSSL settings (${API_SETTINGS})` };
  }
  if (/function is locked|temporar|try again later|maintenance|too many requests|rate limit/.test(t) || httpStatus === 429) {
    return { code: 'temporary', kind: 'transient', hint: 'certbridge will try again in a few minutes' };
  }
  if (/not found|does not exist|doesn't exist|no such|unknown order|invalid order id/.test(t) || httpStatus === 404) {
    return { code: 'not_found', kind: 'permanent', hint: 'check the supplier order number; the order may belong to another GoGetSSL account' };
  }
  if (/csr|approver|e-?mail|domain|dcv|validation|dns|san\b|common name|webserver|period|product/.test(t)) {
    return { code: 'invalid_request', kind: 'action_required', hint: 'correct the order details named above and submit it again' };
  }
  return { code: 'invalid_request', kind: 'permanent', hint: 'GoGetSSL refused the request; its text above says why' };
}

/** An answer meaning "your auth_key is no longer valid": log in again and repeat the call. */
export function isKeyRefusedText(text: string): boolean {
  return /auth_?key|auth key|key (has )?expired|expired key|session (has )?expired|not authori[sz]ed|please authori[sz]e/i.test(text);
}

/** True for an IP refusal, which a new login cannot fix. */
export function isIpRefusalText(text: string): boolean {
  return classifyError(text, 403).code === 'ip_not_allowed';
}

/** "GoGetSSL says: <their text> — <what to do>". */
export function staffMessage(supplierText: string, hint: string): string {
  const said = supplierText.trim().replace(/[.\s]+$/, '') || 'an error without explanation';
  return `${DISPLAY_NAME} says: ${said} — ${hint}`;
}
