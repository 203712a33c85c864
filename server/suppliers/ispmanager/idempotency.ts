/**
 * Makes placeOrder safe to repeat. ispmanager's order call (certificate.order.param with
 * skipbasket=on) takes no reference of ours and charges at once, and its answer may not
 * even carry the new certificate's id, so an order is recognised by what it contains:
 * adapter.ts asks findPlacedOrder BEFORE every order and again after one whose answer
 * lacked the id.
 *
 * A certificate matches when it was created within LOOKBACK_DAYS, has the same common
 * name, tariff and term, is not finished (rejected or deleted — re-ordering after those is
 * deliberate), and holds a CSR with the same public key (or, when ispmanager does not show
 * the CSR, exactly the same names). A renewal reuses a CSR months later, outside the window.
 * Within one process the idempotency key → id map answers first, exactly.
 *
 * Errors: whatever the api calls throw (SupplierError); a CSR ispmanager shows that cannot
 * be read only makes that certificate fall back to comparing names.
 */
import { parseCsr } from '../../crypto/csr';
import type { IspmanagerApi } from './api';
import { certificateNames } from './dcv';

/** Retries of one order happen within minutes or hours; three days leaves room for time zones. */
export const LOOKBACK_DAYS = 3;

export interface PlacedOrderQuery {
  productId: string;
  months: number;
  commonName: string;
  dnsNames: string[];
  csrFingerprint: string;
}

export async function findPlacedOrder(api: IspmanagerApi, q: PlacedOrderQuery, now: Date): Promise<string | undefined> {
  const cn = q.commonName.toLowerCase();
  const recent = (await api.listCertificates())
    .filter((e) => /^\d+$/.test(e.id) && e.commonName.toLowerCase() === cn && e.itemStatus !== '4' && createdRecently(e.createdate, now))
    .sort((a, b) => Number(b.id) - Number(a.id));
  const wanted = [...new Set(q.dnsNames.map((n) => n.toLowerCase()))].sort().join(' ');
  for (const e of recent) {
    const d = await api.certificate(e.id);
    if (d.pricelist && d.pricelist !== q.productId) continue;
    if (d.period && Number(d.period) !== q.months) continue;
    if (d.itemStatus === '4' || d.serviceStatus === '6') continue;
    const fingerprint = csrFingerprint(d.csr);
    if (fingerprint !== undefined ? fingerprint === q.csrFingerprint : certificateNames(d).sort().join(' ') === wanted) return e.id;
  }
  return undefined;
}

function csrFingerprint(csr: string): string | undefined {
  if (!csr.includes('BEGIN')) return undefined;
  try {
    return parseCsr(csr).publicKeyFingerprint;
  } catch {
    return undefined;
  }
}

/** An unreadable date does not rule a certificate out: a missed duplicate costs money. */
function createdRecently(date: string, now: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim());
  if (!m) return true;
  const created = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The date has no time (and ispmanager's own time zone): one extra day covers both.
  return created >= now.getTime() - (LOOKBACK_DAYS + 1) * 86_400_000;
}

/** Idempotency key → certificate id for orders this process placed (bounded, oldest dropped). */
export class PlacedOrders {
  private readonly ids = new Map<string, string>();

  constructor(private readonly max = 1000) {}

  get(key: string): string | undefined {
    return this.ids.get(key);
  }

  remember(key: string, id: string): void {
    this.ids.delete(key);
    this.ids.set(key, id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.keys().next().value!);
  }
}
