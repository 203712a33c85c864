/**
 * The wizard's guards: bad input is refused with 422 naming the field and writes nothing;
 * loss rows need acknowledgeLoss; unusable currencies block apply; a supplier failing while
 * its catalogue loads is named and every stored catalogue stays; bulk re-price.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { adminClient, adminFront, signIn, type AdminClient } from '../support/admin';
import { MemorySupplier, memoryProduct } from '../support/memory-supplier';
import { snapshot } from '../support/whmcs-snapshot';
import type { PricingRules } from '../../server/admin/api-types';

let srv: TestServer;
let conn: mysql.Connection;
let front: Express;
let api: AdminClient;

const acme = new MemorySupplier('acme', 'Acme SSL', [
  memoryProduct('acme-dv', { name: 'Acme DV', cost: [[12, '10.00'], [24, '19.00']] }),
  memoryProduct('acme-chf', { name: 'Acme Swiss', currency: 'CHF', cost: [[12, '9.00']] }),
]);
const flaky = new MemorySupplier('flaky', 'Flaky CA', [memoryProduct('flaky-dv', { name: 'Flaky DV' })]);

const RULES: PricingRules = { margin: { kind: 'percent', value: '20' }, overrides: {}, minimumProfit: '0', rounding: 'none', currencyBufferPercent: '0' };
const DV = [{ supplier: 'acme', id: 'acme-dv' }];
const importBody = (over: Record<string, unknown> = {}) => ({ products: DV, rules: RULES, group: { newName: 'Acme' }, acknowledgeLoss: false, ...over });

async function rows(sql: string, params: unknown[] = []): Promise<any[]> {
  const [r] = await conn.query(sql, params);
  return r as any[];
}

beforeAll(async () => {
  srv = await startTestServer({ label: 'admin_guards' });
  conn = await mysql.createConnection({ uri: srv.database.url, dateStrings: true });
  front = adminFront(srv, [acme, flaky]);
  api = adminClient(front, await signIn(srv));
  expect((await api.post('/catalogue/load', { supplier: 'acme', refresh: false })).status).toBe(200);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('request validation names the field and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['empty group name', importBody({ group: { newName: '   ' } }), 'group.newName', /must not be empty/],
    ['a taken group name (any case, spaces)', importBody({ group: { newName: ' ssl CERTIFICATES ' } }), 'group.newName', /"SSL Certificates" already exists \(#1\)/],
    ['both group choices', importBody({ group: { existingId: 1, newName: 'X' } }), 'group', /either an existing product group/],
    ['no group choice', importBody({ group: {} }), 'group', /either an existing product group/],
    ['an unknown group', importBody({ group: { existingId: 99 } }), 'group.existingId', /no product group #99/],
    ['a bad margin', importBody({ rules: { ...RULES, margin: { kind: 'percent', value: 'abc' } } }), 'rules.margin.value', /decimal number/],
    ['a bad margin kind', importBody({ rules: { ...RULES, margin: { kind: 'markup', value: '1' } } }), 'rules.margin.kind', /"percent" or "fixed"/],
    ['a bad rounding', importBody({ rules: { ...RULES, rounding: '.98' } }), 'rules.rounding', /one of none/],
    ['a negative minimum profit', importBody({ rules: { ...RULES, minimumProfit: '-1' } }), 'rules.minimumProfit', /0 or more/],
    ['a buffer over 100%', importBody({ rules: { ...RULES, currencyBufferPercent: '150' } }), 'rules.currencyBufferPercent', /at most 100/],
    ['a bad override key', importBody({ rules: { ...RULES, overrides: { nocolon: { kind: 'fixed', value: '1' } } } }), 'rules.overrides.nocolon', /supplier:productId/],
    ['no products', importBody({ products: [] }), 'products', /at least one/],
    ['the same product twice', importBody({ products: [...DV, ...DV] }), 'products[1]', /listed twice/],
    ['a product not in the catalogue', importBody({ products: [{ supplier: 'acme', id: 'nope' }] }), 'products[0].id', /no product "nope"/],
    ['a product without supplier', importBody({ products: [{ id: 'acme-dv' }] }), 'products[0].supplier', /is required/],
    ['acknowledgeLoss not a boolean', importBody({ acknowledgeLoss: 'yes' }), 'acknowledgeLoss', /true or false/],
  ];
  it.each(cases)('%s', async (_label, body, field, message) => {
    const before = await snapshot(conn);
    for (const path of ['/import/preview', '/import/apply']) {
      if (path === '/import/preview' && field === 'acknowledgeLoss') continue;
      const res = await api.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await snapshot(conn)).toEqual(before);
  });
});

describe('loss rows need an explicit acknowledgement', () => {
  const losing = importBody({ rules: { ...RULES, margin: { kind: 'percent', value: '-10' } }, group: { newName: 'Loss Leaders' } });

  it('previews them as loss rows', async () => {
    const res = await api.post('/import/preview', losing);
    expect(res.body.lossCount).toBe(6);
    expect(res.body.rows[0]).toMatchObject({ months: 12, currency: 'USD', cost: '10.00', newSell: '9.00', profit: '-1.00', loss: true });
  });

  it('refuses to apply them without acknowledgeLoss (422, nothing written), applies with it', async () => {
    const before = await snapshot(conn);
    const res = await api.post('/import/apply', losing);
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('acknowledgeLoss');
    expect(res.body.error.message).toMatch(/6 prices are below cost \(e\.g\. Acme DV, 12 months: 9\.00 USD < cost 10\.00\)/);
    expect(await snapshot(conn)).toEqual(before);
    const ok = await api.post('/import/apply', { ...losing, acknowledgeLoss: true });
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    expect(await rows(`SELECT annually FROM tblpricing WHERE type = 'product' AND relid = ? AND currency = 1`, [ok.body.products[0].pid])).toEqual([{ annually: '9.00' }]);
  });
});

describe('currencies', () => {
  it('a WHMCS currency with rate 0 is a problem naming it and blocks apply', async () => {
    await conn.query(`UPDATE tblcurrencies SET rate = 0 WHERE code = 'GBP'`);
    try {
      const body = importBody({ group: { existingId: 1 } });
      const preview = await api.post('/import/preview', body);
      expect(preview.status).toBe(200);
      expect(preview.body.problems).toEqual([{ field: 'currencies.GBP.rate', message: expect.stringMatching(/GBP has exchange rate 0\.00000/) }]);
      expect(preview.body.rows.map((r: any) => r.currency)).not.toContain('GBP');
      const before = await snapshot(conn);
      const apply = await api.post('/import/apply', body);
      expect(apply.status).toBe(422);
      expect(apply.body.error.field).toBe('currencies.GBP.rate');
      expect(apply.body.error.message).toMatch(/^Nothing was applied/);
      expect(await snapshot(conn)).toEqual(before);
    } finally {
      await conn.query(`UPDATE tblcurrencies SET rate = 0.79 WHERE code = 'GBP'`);
    }
  });

  it('a supplier cost currency WHMCS does not have is a problem naming it', async () => {
    const res = await api.post('/import/preview', importBody({ products: [{ supplier: 'acme', id: 'acme-chf' }], group: { existingId: 1 } }));
    expect(res.body.problems).toEqual([{ field: 'currencies.CHF', message: expect.stringMatching(/costs are in CHF, which is not a WHMCS currency/) }]);
    expect(res.body.rows).toEqual([]);
  });
});

describe('catalogue loading', () => {
  it('names a supplier that fails and keeps every stored catalogue', async () => {
    const first = await api.post('/catalogue/load', { supplier: 'flaky', refresh: false });
    expect(first.status).toBe(200);
    const acmeBefore = await api.post('/catalogue/load', { supplier: 'acme', refresh: false });
    const callsBefore = acme.listCalls;

    flaky.failWith = 'HTTP 503 from the reseller API';
    try {
      const res = await api.post('/catalogue/load', { supplier: 'flaky', refresh: true });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('supplier_error');
      expect(res.body.error.field).toBe('supplier');
      expect(res.body.error.message).toBe(`Loading the catalogue of Flaky CA (flaky) failed: HTTP 503 from the reseller API. the copy loaded at ${first.body.loadedAt} is kept; other suppliers' catalogues are unchanged.`);
      // Both stored copies are still served as they were, without asking either supplier.
      const flakyAfter = await api.post('/catalogue/load', { supplier: 'flaky', refresh: false });
      expect(flakyAfter.body).toEqual(first.body);
      const acmeAfter = await api.post('/catalogue/load', { supplier: 'acme', refresh: false });
      expect(acmeAfter.body).toEqual(acmeBefore.body);
      expect(acme.listCalls).toBe(callsBefore);
    } finally {
      flaky.failWith = null;
    }
  });

  it('refresh asks the supplier again and stores the answer', async () => {
    const before = await api.post('/catalogue/load', { supplier: 'flaky', refresh: false });
    const calls = flaky.listCalls;
    const res = await api.post('/catalogue/load', { supplier: 'flaky', refresh: true });
    expect(flaky.listCalls).toBe(calls + 1);
    expect(Date.parse(res.body.loadedAt)).toBeGreaterThanOrEqual(Date.parse(before.body.loadedAt));
    expect(await rows('SELECT supplier, product_count FROM mod_certbridge_catalogue ORDER BY supplier')).toEqual([
      { supplier: 'acme', product_count: 2 },
      { supplier: 'flaky', product_count: 1 },
    ]);
  });

  it('refuses an unknown supplier naming the field', async () => {
    const res = await api.post('/catalogue/load', { supplier: 'nobody', refresh: false });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('supplier');
    expect(res.body.error.message).toMatch(/configured: sandbox, acme, flaky/);
  });
});

describe('reference data', () => {
  it('lists suppliers, groups and the imported products', async () => {
    const suppliers = await api.get('/suppliers');
    expect(suppliers.body.map((s: any) => [s.code, s.mode, s.configured])).toEqual([['sandbox', 'builtin', true], ['acme', 'builtin', true], ['flaky', 'builtin', true]]);
    expect(suppliers.body[0].capabilities).toMatchObject({ cancel: true, renew: false });
    const groups = await api.get('/product-groups');
    expect(groups.body[0]).toEqual({ id: 1, name: 'SSL Certificates', productCount: 3 });
    const products = await api.get('/products');
    expect(products.body.slice(0, 3).map((p: any) => [p.pid, p.supplier, p.productId, p.groupName])).toEqual([
      [1, 'sandbox', 'sandbox-dv-single', 'SSL Certificates'],
      [2, 'sandbox', 'sandbox-dv-wildcard', 'SSL Certificates'],
      [3, 'sandbox', 'sandbox-ov-multi', 'SSL Certificates'],
    ]);
  });
});

describe('bulk re-price of imported products', () => {
  const rules: PricingRules = { margin: { kind: 'fixed', value: '5.00' }, overrides: { 'sandbox:sandbox-dv-wildcard': { kind: 'percent', value: '100' } }, minimumProfit: '0', rounding: 'whole', currencyBufferPercent: '0' };

  it('previews current vs new prices of the chosen products', async () => {
    const res = await api.post('/reprice/preview', { pids: [1, 2], rules });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ newProducts: 0, updatedProducts: 2, lossCount: 0, problems: [] });
    const usd12 = res.body.rows.filter((r: any) => r.months === 12 && r.currency === 'USD');
    expect(usd12.map((r: any) => [r.key, r.currentSell, r.newSell])).toEqual([
      ['sandbox:sandbox-dv-single', '49.00', '13.00'], // 8.00 + 5.00
      ['sandbox:sandbox-dv-wildcard', '149.00', '120.00'], // 60.00 × 2
    ]);
  });

  it('rewrites only prices, in place, and keeps the products in their group', async () => {
    const before = await rows('SELECT id, gid, name, updated_at FROM tblproducts WHERE id IN (1, 2) ORDER BY id');
    const res = await api.post('/reprice/apply', { pids: [1, 2], rules, acknowledgeLoss: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 2, groupId: 1 });
    expect(res.body.products.map((p: any) => p.name)).toEqual(['Sandbox DV Single Domain', 'Sandbox DV Wildcard']);
    const after = await rows('SELECT id, gid, name FROM tblproducts WHERE id IN (1, 2) ORDER BY id');
    expect(after).toEqual(before.map(({ updated_at: _u, ...r }) => r));
    expect(await rows(`SELECT id, currency, annually, biennially, triennially FROM tblpricing WHERE type = 'product' AND relid = 1 ORDER BY currency`)).toEqual([
      // fixed 5.00 USD per year, converted, then up to the whole unit:
      { id: 1, currency: 1, annually: '13.00', biennially: '26.00', triennially: '38.00' }, // 15.20 + 10.00 = 25.20; 22.80 + 15.00 = 37.80
      { id: 2, currency: 2, annually: '12.00', biennially: '24.00', triennially: '35.00' }, // 7.36 + 4.60 = 11.96; 13.99 + 9.20; 20.98 + 13.80
      { id: 3, currency: 3, annually: '11.00', biennially: '20.00', triennially: '30.00' }, // 6.32 + 3.95; 12.01 + 7.90 = 19.91; 18.02 + 11.85
    ]);
  });

  it('refuses products that are unknown, duplicated or not certbridge products', async () => {
    expect((await api.post('/reprice/preview', { pids: [999], rules })).body.error).toMatchObject({ field: 'pids[0]', message: 'WHMCS has no product #999' });
    expect((await api.post('/reprice/preview', { pids: [1, 1], rules })).body.error.field).toBe('pids[1]');
    await conn.query(`UPDATE tblproducts SET servertype = 'cpanel' WHERE id = 2`);
    try {
      const res = await api.post('/reprice/apply', { pids: [1, 2], rules, acknowledgeLoss: false });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'pids[1]', message: expect.stringMatching(/not a certbridge product/) });
    } finally {
      await conn.query(`UPDATE tblproducts SET servertype = 'certbridge' WHERE id = 2`);
    }
  });
});
