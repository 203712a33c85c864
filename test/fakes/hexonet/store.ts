/**
 * The fake HEXONET account's in-memory state: balance, price relations, exchange rates and
 * certificate objects keyed by SSLCERTID (deterministic numeric strings). commands.ts reads and
 * changes it; server.ts owns one per fake. Prices and rates default to a small realistic set.
 */
import type { SandboxCaMaterial } from '../../../server/suppliers/sandbox/ca';

export interface ClassPrice {
  annual: number;
  currency: string;
  /** The vendor module also accepts `…_ANNUAL1`; some accounts carry that spelling. */
  relation?: 'ANNUAL' | 'ANNUAL1';
}

export interface Validation {
  method: 'EMAIL' | 'DNSZONE' | 'URL';
  email: string;
  dnsRr: string;
  url: string;
  urlContent: string;
}

export interface Contact {
  [field: string]: string;
}

export interface Cert {
  id: string;
  certClass: string;
  period: number;
  status: string;
  statusDetails: string;
  commonName: string;
  domains: string[];
  validations: Validation[];
  csrPem: string;
  crtPem?: string;
  caCrtPem?: string;
  createdDate: string;
  updatedDate: string;
  expirationDate: string;
  orderReference: string;
  serverSoftware: string;
  contact: Contact;
  oldId?: string;
  polls: number;
}

export interface Account {
  login: string;
  password: string;
  entity: string;
  currency: string;
  balance: number;
  credit: number;
  prices: Record<string, ClassPrice>;
  /** EUR → currency, newest last per currency: [date, rate][]. */
  rates: Record<string, Array<[string, number]>>;
  /** Other relations a real account carries (domain prices …), to be ignored by the adapter. */
  otherRelations: Array<[string, string]>;
}

export interface Store {
  account: Account;
  certs: Map<string, Cert>;
  sessions: Set<string>;
  nextId: number;
  ca: SandboxCaMaterial;
  autoIssueAfterPolls?: number;
}

export const DEFAULT_PRICES: Record<string, ClassPrice> = {
  COMODO_POSITIVESSL: { annual: 7.5, currency: 'USD' },
  COMODO_ESSENTIALSSL: { annual: 12.0, currency: 'USD' },
  COMODO_ESSENTIALSSL_WILDCARD: { annual: 79.0, currency: 'USD' },
  GEOTRUST_RAPIDSSL: { annual: 9.9, currency: 'EUR' },
  THAWTE_SSL123: { annual: 29.0, currency: 'EUR', relation: 'ANNUAL1' },
  SYMANTEC_SECURESITE_EV: { annual: 495.0, currency: 'GBP' },
};

export const DEFAULT_RATES: Record<string, Array<[string, number]>> = {
  USD: [
    ['2026-11-19', 1.0712],
    ['2026-11-20', 1.0765],
  ],
  GBP: [
    ['2026-11-19', 0.8498],
    ['2026-11-20', 0.8512],
  ],
};

/** `YYYY-MM-DD HH:MM:SS` (UTC), HEXONET's date-time format. */
export const hexDate = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** Amount in `from` converted to `to` with the newest EUR-based rate. */
export function convert(account: Account, amount: number, from: string, to: string): number {
  const rate = (c: string) => (c === 'EUR' ? 1 : account.rates[c]?.at(-1)?.[1]);
  const a = rate(from);
  const b = rate(to);
  if (!a || !b) throw new Error(`fake HEXONET has no rate for ${from}→${to}`);
  return (amount / a) * b;
}
