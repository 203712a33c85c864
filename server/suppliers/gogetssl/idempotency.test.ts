import { describe, expect, it } from 'vitest';
import type { GoGetSslApi, OrderListRecord, StatusRecord } from './api';
import { csrBody, findAcceptedOrder, recentOrders, RECENT_WINDOW, samePurchase } from './idempotency';

const NOW = new Date('2026-05-10T12:00:00Z');
const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAAAA\nBBBB==\n-----END CERTIFICATE REQUEST-----\n';
const want = { csrPem: CSR, productId: '71', months: 12, renewal: false };

/** An API stub holding `total` orders with ids 1..total, listed oldest or newest first. */
function stubApi(total: number, newestFirst: boolean, statuses: Record<string, StatusRecord> = {}) {
  const calls: string[] = [];
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  if (newestFirst) ids.reverse();
  const api = {
    async allOrders(limit: number, offset: number): Promise<OrderListRecord> {
      calls.push(`list ${limit} ${offset}`);
      return { orders: ids.slice(offset, offset + limit).map((id) => ({ order_id: id, status: statuses[id]?.status ?? 'processing' })), count: String(total) };
    },
    async orderStatus(id: string): Promise<StatusRecord> {
      calls.push(`status ${id}`);
      return statuses[id] ?? { order_id: id, status: 'processing', csr_code: 'other' };
    },
  } as unknown as GoGetSslApi;
  return { api, calls };
}

describe('GoGetSSL idempotency look-up', () => {
  it('reads the newest orders whichever way the list is sorted', async () => {
    const asc = stubApi(120, false);
    const a = await recentOrders(asc.api);
    expect(asc.calls).toEqual([`list ${RECENT_WINDOW} 0`, `list ${RECENT_WINDOW} ${120 - RECENT_WINDOW}`]);
    expect(a[0].id).toBe('120');
    expect(a).toHaveLength(RECENT_WINDOW);
    const desc = stubApi(120, true);
    const d = await recentOrders(desc.api);
    expect(desc.calls).toEqual([`list ${RECENT_WINDOW} 0`]);
    expect(d[0].id).toBe('120');
  });

  it('compares CSRs by their base64 body', () => {
    expect(csrBody(CSR.replace(/\n/g, '\r\n'))).toBe(csrBody(CSR));
    expect(csrBody(CSR)).toBe('MIIBAAAABBBB==');
  });

  it('matches only the same purchase', () => {
    const r: StatusRecord = { order_id: 5, status: 'processing', csr_code: CSR, product_id: '71', validity_period: '12', renew: '0' };
    expect(samePurchase(r, want, NOW)).toBe(true);
    expect(samePurchase({ ...r, product_id: '72' }, want, NOW)).toBe(false);
    expect(samePurchase({ ...r, validity_period: '24' }, want, NOW)).toBe(false);
    expect(samePurchase({ ...r, renew: '1' }, want, NOW)).toBe(false);
    expect(samePurchase({ ...r, csr_code: 'x' }, want, NOW)).toBe(false);
    // Issued today: ours (issued between the lost answer and the retry). Issued long ago: an earlier purchase.
    expect(samePurchase({ ...r, status: 'active', valid_from: '2026-05-10' }, want, NOW)).toBe(true);
    expect(samePurchase({ ...r, status: 'active', valid_from: '2025-05-10' }, want, NOW)).toBe(false);
  });

  it('skips closed orders and orders owned by other requests', async () => {
    const mine: StatusRecord = { order_id: 7, status: 'processing', csr_code: CSR, product_id: '71', validity_period: '12' };
    const s = stubApi(10, false, { 7: mine, 8: { ...mine, order_id: 8, status: 'cancelled' }, 9: { ...mine, order_id: 9 } });
    expect((await findAcceptedOrder(s.api, want, new Set(['9']), NOW))?.order_id).toBe(7);
    expect(s.calls).not.toContain('status 8');
    expect(s.calls).not.toContain('status 9');
  });
});
