/**
 * Translation tables between Enom's vocabulary and certbridge's: certificate statuses
 * (CertStatusID / CertStatus text, ReissueStatus, expiry), DCV methods (Email | DNS | File) and
 * their instructions, error texts → SupplierError categories, and Enom's value formats
 * (True/False, M/D/YYYY h:mm:ss AM dates, "2,261.65" amounts, PEM in CDATA).
 *
 * Pure functions, called by client.ts (errors), api.ts (values) and adapter.ts (statuses, DCV).
 * Nothing here throws except `enomError`, which only builds the SupplierError for the caller
 * to throw.
 */
import { PemError, splitPemBlocks } from '../../crypto/pem';
import { SupplierError, type SupplierErrorCode, type SupplierErrorKind } from '../errors';
import type { DcvInstruction, DcvMethod, NormalizedStatus } from '../supplier';

export const ENOM = { code: 'enom', displayName: 'Enom' } as const;

// ---------------------------------------------------------------- statuses

/**
 * CertStatusID table (CertGetCerts documentation). 1 "Awaiting Configuration" is `unknown`:
 * certbridge configures and submits in one placeOrder, so a certificate found there was
 * reset in Enom's panel (CertModifyOrder) or never submitted — nothing to move the order to.
 * 3, 5 and 11 are retired and deliberately absent: they map to `unknown` too.
 */
const STATUS_BY_ID: Record<number, NormalizedStatus> = {
  1: 'unknown',
  2: 'pending_validation',
  4: 'issued',
  6: 'rejected',
  7: 'cancelled',
  8: 'cancelled',
  9: 'pending_validation',
  10: 'processing',
  12: 'issued',
  13: 'issued',
};

/**
 * The same table by text. Text wins over the id: Enom's own documentation shows "Cert Issued"
 * with id 7 (which the table calls "Refunded – No Cert Issued").
 */
const STATUS_BY_TEXT: Record<string, NormalizedStatus> = {
  'awaiting configuration': 'unknown',
  processing: 'pending_validation',
  'certificate issued': 'issued',
  'cert issued': 'issued',
  'rejected by customer': 'rejected',
  'refunded - no cert issued': 'cancelled',
  'refunded - cert issued': 'cancelled',
  'approval email sent': 'pending_validation',
  'approved by domain owner': 'processing',
  'pending installation': 'issued',
  'cert installed': 'issued',
};

const normalText = (s: string) => s.trim().toLowerCase().replace(/\s*[-–—]\s*/g, ' - ').replace(/\s+/g, ' ');

export type ReissueState = 'none' | 'pending' | 'unknown';

/** ReissueStatus is free text in Enom's docs [I]; anything unrecognised is `unknown`. */
export function reissueState(raw: string): ReissueState {
  const s = raw.trim().toLowerCase();
  if (s === '' || s === '0' || s === 'none' || s === 'n/a' || s === 'false') return 'none';
  if (/complet|success|done|reissued|issued/.test(s)) return 'none';
  if (/pend|process|progress|submit|await|request|initiat/.test(s)) return 'pending';
  return 'unknown';
}

export interface EnomStatusInput {
  statusId: string;
  statusText: string;
  reissueStatus?: string;
  /** Enom's IsExpired flag (CertGetCerts only). */
  isExpired?: boolean;
  /** The validity end: Enom's ExpirationDate or the certificate's notAfter, whichever is earlier. */
  validTo?: Date;
  now: Date;
}

export interface EnomStatus {
  status: NormalizedStatus;
  rawStatus: string;
}

export function enomStatus(input: EnomStatusInput): EnomStatus {
  const id = Number.parseInt(input.statusId, 10);
  let status: NormalizedStatus = STATUS_BY_TEXT[normalText(input.statusText)] ?? (Number.isFinite(id) ? STATUS_BY_ID[id] : undefined) ?? 'unknown';
  let raw = `${input.statusText.trim() || 'no status text'} (${Number.isFinite(id) ? id : '?'})`;
  if (status === 'issued') {
    // Enom keeps "Cert Issued" after expiry; certbridge derives `expired` from the validity end.
    if (input.isExpired || (input.validTo && input.validTo.getTime() <= input.now.getTime())) {
      status = 'expired';
      raw += ', expired';
    } else {
      const reissue = reissueState(input.reissueStatus ?? '');
      if (reissue !== 'none') raw += `, reissue: ${input.reissueStatus!.trim()}`;
      if (reissue === 'pending') status = 'pending_validation';
      if (reissue === 'unknown') status = 'unknown';
    }
  }
  return { status, rawStatus: raw };
}

// ---------------------------------------------------------------- DCV

export type EnomDvAuthMethod = 'Email' | 'DNS' | 'File';

/** certbridge method → CertPurchaseCert DVAuthMethod; undefined when Enom has no such method. */
export function toEnomDvAuthMethod(method: DcvMethod): EnomDvAuthMethod | undefined {
  switch (method) {
    case 'email':
      return 'Email';
    case 'dns_txt':
      return 'DNS';
    case 'http':
      return 'File';
    case 'dns_cname':
    case 'https':
      return undefined;
  }
}

/** DVAuthMethod as Enom reports it → certbridge method. Empty means e-mail (Enom's default). */
export function fromEnomDvAuthMethod(raw: string): DcvMethod | undefined {
  switch (raw.trim().toLowerCase()) {
    case '':
    case 'email':
      return 'email';
    case 'dns':
      return 'dns_txt';
    case 'file':
      return 'http';
    default:
      return undefined;
  }
}

export interface EnomDcvFields {
  dvAuthMethod: string;
  approverEmail: string;
  authStatusName: string;
  fileAuthName: string;
  fileAuthContents: string;
  dnsAuthEntry: string;
  dnsAuthAddress: string;
  dnsAuthType: string;
}

const looksLikeHostUnder = (value: string, base: string) => /^[a-z0-9_.-]+$/i.test(value) && value.toLowerCase().endsWith(`.${base}`);

/**
 * Enom's DNSAuthEntry / DNSAuthAddress pair differs per product [I]: Encryption Everywhere
 * sends entry "@" and the TXT value as address; GeoTrust sends a token as entry and a host
 * such as "s20201215064552.example.com" as address. Whichever side is a name under the domain
 * is the host; "@" or nothing means the domain itself.
 */
export function dnsRecordFrom(domain: string, entry: string, address: string, type: string): NonNullable<DcvInstruction['dns']> {
  const base = domain.replace(/^\*\./, '').toLowerCase();
  const recordType: 'TXT' | 'CNAME' = type.trim().toUpperCase() === 'CNAME' ? 'CNAME' : 'TXT';
  const e = entry.trim();
  const a = address.replace(/\s+/g, '');
  if (looksLikeHostUnder(a, base) && !looksLikeHostUnder(e, base)) return { host: a.toLowerCase(), type: recordType, value: e };
  if (e === '' || e === '@') return { host: base, type: recordType, value: a };
  if (looksLikeHostUnder(e, base)) return { host: e.toLowerCase(), type: recordType, value: a };
  return { host: `${e}.${base}`.toLowerCase(), type: recordType, value: a };
}

/** FileAuthName may be a bare file name, a path, or a URL [I]. */
export function httpFileFrom(domain: string, name: string, contents: string): NonNullable<DcvInstruction['http']> {
  const base = domain.replace(/^\*\./, '').toLowerCase();
  const n = name.trim();
  const url = /^https?:\/\//i.test(n) ? n : n.startsWith('/') ? `http://${base}${n}` : `http://${base}/.well-known/pki-validation/${n}`;
  return { url, fileName: n.split('/').pop() ?? n, content: contents.replace(/\r\n/g, '\n') };
}

/** One DcvInstruction for the certificate's domain from CertGetCertDetail / CertPurchaseCert fields. */
export function dcvInstruction(domain: string, f: EnomDcvFields, status: NormalizedStatus): DcvInstruction | undefined {
  const method = fromEnomDvAuthMethod(f.dvAuthMethod);
  if (!method || !domain) return undefined;
  const auth = f.authStatusName.trim().toUpperCase();
  const dcvStatus: DcvInstruction['status'] =
    status === 'issued' || status === 'processing' || status === 'expired' || auth === 'AUTHENTICATED' ? 'valid' : status === 'rejected' ? 'failed' : 'pending';
  if (method === 'dns_txt') {
    if (!f.dnsAuthEntry && !f.dnsAuthAddress) return { domain, method, status: dcvStatus };
    return { domain, method, status: dcvStatus, dns: dnsRecordFrom(domain, f.dnsAuthEntry, f.dnsAuthAddress, f.dnsAuthType) };
  }
  if (method === 'http') {
    if (!f.fileAuthName) return { domain, method, status: dcvStatus };
    return { domain, method, status: dcvStatus, http: httpFileFrom(domain, f.fileAuthName, f.fileAuthContents) };
  }
  return { domain, method, status: dcvStatus, ...(f.approverEmail ? { email: f.approverEmail.trim() } : {}) };
}

// ---------------------------------------------------------------- errors

interface ErrorRule {
  code: SupplierErrorCode;
  kind: SupplierErrorKind;
  /** What the hosting company's staff should do; appended after the supplier's text. */
  hint: string;
  text?: RegExp;
  /** Enom's six-digit response numbers: first digit system, digits 2–3 nature, 4–6 parameter. */
  number?: RegExp;
}

const RULES: ErrorRule[] = [
  {
    code: 'ip_not_allowed',
    kind: 'permanent',
    text: /user not permitted from this ip address|invalid client ip/i,
    hint: "add this server's IP address in your Enom reseller panel (Resellers > Manage > API); the test account has its own list",
  },
  {
    code: 'auth_failed',
    kind: 'permanent',
    text: /bad user ?name or password|invalid (login|user ?name|password|api token)/i,
    number: /^[34]\d\d15[56]$/, // validation (3) or authentication (4) error on login ID / password
    hint: "check the login ID and API token in certbridge's Enom settings; in test mode use the test account registered at resellertest.enom.com",
  },
  {
    code: 'insufficient_funds',
    kind: 'permanent',
    text: /insufficient (reseller )?(funds|balance)|not enough (available )?(funds|balance)|balance is (too low|not sufficient)/i,
    number: /^\d24\d{3}$/,
    hint: 'add funds to your Enom account balance, then retry the order',
  },
  {
    code: 'not_found',
    kind: 'permanent',
    text: /cert ?id\b.*\b(not found|does not exist|does not belong)|\bcert(ificate)? (was )?not found|invalid cert ?id/i,
    number: /^\d16\d{3}$/,
    hint: 'the certificate is not in this Enom account; check that certbridge uses the account (live or test) the order was placed with',
  },
  {
    code: 'temporary',
    kind: 'transient',
    text: /try again later|temporarily unavailable|down for maintenance|timed? ?out/i,
    number: /^(6\d{5}|\d(07|18)\d{3})$/,
    hint: 'certbridge will retry',
  },
];

/**
 * The SupplierError for an answer with ErrCount ≥ 1. Unrecognised texts are `invalid_request`
 * with the kind the caller chose: permanent for most calls, action_required where the client
 * can fix the input (CSR, contacts, approver).
 */
export function enomError(command: string, texts: string[], responseNumbers: string[] = [], fallbackKind: SupplierErrorKind = 'permanent'): SupplierError {
  const supplierText = texts.filter((t) => t.trim() !== '').join('; ') || `${command} failed without an error text`;
  const rule = RULES.find((r) => (r.text && texts.some((t) => r.text!.test(t))) || (r.number && responseNumbers.some((n) => r.number!.test(n.trim()))));
  if (rule) return new SupplierError(ENOM.code, rule.code, rule.kind, `${ENOM.displayName} says: ${supplierText} — ${rule.hint}`, supplierText);
  const hint = fallbackKind === 'action_required' ? 'correct the certificate details and submit again' : `Enom refused ${command}; see the supplier text`;
  return new SupplierError(ENOM.code, 'invalid_request', fallbackKind, `${ENOM.displayName} says: ${supplierText} — ${hint}`, supplierText);
}

// ---------------------------------------------------------------- values

/** Enom booleans: True / False / true / 1 / Y. */
export function enomBool(raw: string): boolean {
  return /^(true|1|y|yes)$/i.test(raw.trim());
}

/**
 * Enom dates: "12/15/2016", "12/15/2016 5:13:02 PM". No zone is given; read as UTC [I] —
 * hours do not matter for what certbridge derives from them (expiry, order age).
 */
export function parseEnomDate(raw: string): Date | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(raw.trim());
  if (!m) return undefined;
  let hour = m[4] ? Number(m[4]) : 0;
  if (m[7]) hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
  const d = new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "2,261.65" / "-1,832.23" / "8.95" → "2261.65"; undefined for anything else. */
export function parseEnomAmount(raw: string): string | undefined {
  const s = raw.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s).toFixed(2);
}

/** Every CERTIFICATE block in an Enom field (CDATA, often indented), canonical PEM; [] if none or damaged. */
export function certificatesIn(raw: string): string[] {
  try {
    return splitPemBlocks(raw, 'CERTIFICATE').map((b) => b.pem);
  } catch (e) {
    if (e instanceof PemError) return [];
    throw e;
  }
}

/** Enom's phone format is +CC.NNNN; strip the separators people type. */
export function enomPhone(raw: string): string {
  return raw.trim().replace(/^00/, '+').replace(/[\s()/-]/g, '');
}
