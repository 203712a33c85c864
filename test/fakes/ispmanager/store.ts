/**
 * The fake ispmanager account's memory: certificates with deterministic numeric ids, the
 * balance, session keys, and the validation data the CA would hand out. functions.ts reads
 * and writes it; server.ts's control methods (issue, reject, expire) move certificates.
 */
import { createHash } from 'node:crypto';

export type ItemStatus = '1' | '2' | '3' | '4' | '5';

export interface FakeCertificate {
  id: string;
  productId: string;
  months: number;
  crtType: 'manual' | 'generate';
  commonName: string;
  altNames: string[];
  csrPem: string;
  keyPem?: string;
  /** Billing status: 1 ordered, 2 active, 3 suspended, 4 deleted, 5 processing. */
  itemStatus: ItemStatus;
  /** Certificate status: 0 none, 3 sent to CA, 4 awaiting issuance, 5 issued, 6 failed. */
  serviceStatus: string;
  createdate: string;
  expiredate: string;
  statusMsg: string;
  approverMethod: string;
  approverEmails: string[];
  addonCount: number;
  cost: number;
  contacts: Record<string, string>;
  certificatePem?: string;
  chainPems: string[];
  /** Each reissue gets new validation data. */
  reissues: number;
  dnsChecks: number;
  emailResends: number;
}

export class FakeStore {
  readonly certificates = new Map<string, FakeCertificate>();
  readonly sessions = new Set<string>();
  private nextId: number;

  constructor(
    public balance: number,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  newId(): string {
    return String(this.nextId++);
  }

  get(id: string): FakeCertificate | undefined {
    return this.certificates.get(id.trim());
  }

  /** Orders that reached ispmanager (paid or left in the basket). */
  count(): number {
    return this.certificates.size;
  }
}

/** Deterministic validation data for a certificate and its reissue number. */
export function validationData(c: FakeCertificate): Record<string, string> {
  const token = createHash('sha256').update(`${c.id}:${c.reissues}`).digest('hex');
  switch (c.approverMethod) {
    case 'auth_dnstxt':
      return { auth_dnstxt_value: `_globalsign-domain-verification=${token.slice(0, 43)}` };
    case 'auth_cname':
      return { auth_cname_name: `_${token.slice(0, 32)}`, auth_cname_value: `${token.slice(32, 64)}.${token.slice(0, 10)}.sectigo.com.` };
    case 'auth_file':
      return { auth_file_name: `${token.slice(0, 32).toUpperCase()}.txt`, auth_file_value: `${token}\nsectigo.com\n${c.id}` };
    default:
      return {};
  }
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function addMonths(d: Date, months: number): Date {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + months);
  return x;
}
