/**
 * Finds an order GoGetSSL already accepted for a request, so that placing it again cannot
 * buy a second certificate. add_ssl_order has no client reference field (suppliers.md
 * §3.4), and its answer can be lost after GoGetSSL stored the order (a timeout), so the
 * adapter asks this BEFORE every placement: is one of the most recent orders the same
 * purchase — same CSR, product, term and kind (new/renewal), still open or issued
 * within the last days, and not already owned by another request of this process?
 *
 * Called by the adapter only. Errors are the API's (a transient failure of the look-up
 * aborts the placement, which the order service retries — nothing was bought).
 */
import type { GoGetSslApi, StatusRecord } from './api';
import { OPEN_RAW_STATUSES, parseDay } from './map';

/** How many of the newest orders are examined. A lost answer is retried within minutes. */
export const RECENT_WINDOW = 50;
/** An issued order older than this is an earlier purchase with the same CSR, not ours. */
const ISSUED_WITHIN_DAYS = 3;

export interface PurchaseFingerprint {
  csrPem: string;
  productId: string;
  months: number;
  renewal: boolean;
}

/** The CSR's base64 body: GoGetSSL may re-wrap lines or switch to CRLF. */
export function csrBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
}

/** The newest RECENT_WINDOW orders, newest first, whichever way GoGetSSL sorts its list. */
export async function recentOrders(api: GoGetSslApi): Promise<{ id: string; status: string }[]> {
  const first = await api.allOrders(RECENT_WINDOW, 0);
  let page = first.orders;
  const count = Number(first.count ?? page.length);
  const ids = page.map((o) => Number(o.order_id));
  const ascending = ids.length > 1 && ids[0] < ids[ids.length - 1];
  if (ascending && count > page.length) page = (await api.allOrders(RECENT_WINDOW, Math.max(0, count - RECENT_WINDOW))).orders;
  return page
    .map((o) => ({ id: String(o.order_id), status: String(o.status ?? '').toLowerCase() }))
    .sort((a, b) => Number(b.id) - Number(a.id));
}

export function samePurchase(r: StatusRecord, want: PurchaseFingerprint, now: Date): boolean {
  if (csrBody(r.csr_code ?? '') !== csrBody(want.csrPem)) return false;
  if (r.product_id !== undefined && String(r.product_id) !== want.productId) return false;
  if (r.validity_period !== undefined && Number(r.validity_period) !== want.months) return false;
  if (r.renew !== undefined && (String(r.renew) === '1') !== want.renewal) return false;
  if (String(r.status).toLowerCase() === 'active') {
    const from = parseDay(r.valid_from);
    if (from && Date.parse(`${from}T00:00:00Z`) < now.getTime() - ISSUED_WITHIN_DAYS * 86_400_000) return false;
  }
  return true;
}

/**
 * The id and status record of the order GoGetSSL already holds for this purchase, if any.
 * `owned` are order ids this process knows belong to other requests; they are skipped.
 */
export async function findAcceptedOrder(api: GoGetSslApi, want: PurchaseFingerprint, owned: ReadonlySet<string>, now: Date): Promise<StatusRecord | undefined> {
  const candidates = (await recentOrders(api)).filter((o) => !owned.has(o.id) && OPEN_RAW_STATUSES.has(o.status));
  // Read in parallel (the client's limiter caps it); the newest match wins.
  const records = await Promise.all(candidates.map((o) => api.orderStatus(o.id)));
  return records.find((r) => samePurchase(r, want, now));
}
