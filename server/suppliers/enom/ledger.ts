/**
 * What makes Enom's multi-step purchase safe to repeat. Enom has no client reference on an
 * order: InsertNewOrder (the step that charges the balance) takes only the cart, and the
 * certificate row it creates is blank until CertConfigureCert. So:
 *
 * - `orderTag` is a short, stable tag derived from the idempotency key that the adapter
 *   writes into the Billing contact's JobTitle at CertConfigureCert; Enom keeps it and
 *   echoes it in CertGetCertDetail, which identifies our certificate from then on.
 * - `PurchaseLedger` covers the gap between InsertNewOrder and CertConfigureCert: before
 *   buying, the adapter notes which blank certificates of the product already exist; if the
 *   purchase's answer is lost (timeout, cut answer), a retry claims the blank certificate
 *   that appeared since instead of buying again. Purchases are serialised per account in this
 *   process so "appeared since" is unambiguous.
 *
 * The ledger lives in this module (not in the adapter object) because the registry rebuilds
 * adapters every minute. It does not survive a restart of the process: see the adapter's
 * top comment for what that leaves open.
 *
 * Called by adapter.ts. Nothing here throws.
 */
import { createHash } from 'node:crypto';

/** "certbridge 3f2a…" — fits Enom's contact fields, reveals nothing of the key. */
export function orderTag(idempotencyKey: string): string {
  return `certbridge ${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`;
}

export interface PurchaseRecord {
  prodType: number;
  /** When InsertNewOrder was sent (ms since epoch). */
  startedAt: number;
  /** Blank (unconfigured) CertIDs of the product that existed before the purchase. */
  before: Set<string>;
  /** Known once InsertNewOrder answered. */
  orderId?: string;
  /** Known once the certificate row was found or claimed. */
  certId?: string;
}

export class PurchaseLedger {
  private readonly records = new Map<string, PurchaseRecord>();
  private tail: Promise<unknown> = Promise.resolve();

  get(key: string): PurchaseRecord | undefined {
    return this.records.get(key);
  }

  set(key: string, record: PurchaseRecord): void {
    this.records.set(key, record);
  }

  delete(key: string): void {
    this.records.delete(key);
  }

  /** CertIDs other pending purchases already own. */
  ownedByOthers(key: string): Set<string> {
    const ids = new Set<string>();
    for (const [k, r] of this.records) if (k !== key && r.certId) ids.add(r.certId);
    return ids;
  }

  /** Runs `fn` after every earlier `exclusive` call of this account has finished. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const LEDGERS = new Map<string, PurchaseLedger>();

/** One ledger per Enom account (endpoint + login), shared by every adapter object for it. */
export function ledgerFor(endpoint: string, uid: string): PurchaseLedger {
  const scope = `${endpoint}\n${uid.toLowerCase()}`;
  let l = LEDGERS.get(scope);
  if (!l) LEDGERS.set(scope, (l = new PurchaseLedger()));
  return l;
}
