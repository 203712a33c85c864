/**
 * Import apply against the seeded WHMCS database (3 currencies), under strict sql_mode:
 * exact rows for new products, update in place on re-run, the seeded sandbox products
 * treated as imported, all-or-nothing on failure, and the apply lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { adminClient, adminFront, signIn, type AdminClient } from '../support/admin';
import { MemorySupplier, memoryProduct } from '../support/memory-supplier';
import { rowCounts, snapshot } from '../support/whmcs-snapshot';
import { ApplyLock } from '../../server/admin/apply-lock';
import type { PricingRules } from '../../server/admin/api-types';

let srv: TestServer;
let conn: mysql.Connection;
let front: Express;
let api: AdminClient;

const acme = new MemorySupplier('acme', 'Acme SSL', [
  memoryProduct('acme-dv', { name: 'Acme DV', includedDomains: 2, maxDomains: 2, cost: [[12, '10.00'], [24, '19.00']] }),
  memoryProduct('acme-multi', { name: 'Acme Multi-Domain', validation: 'OV', currency: 'EUR', cost: [[12, '100.00']], san: [[12, '10.00']] }),
]);

const RULES: PricingRules = { margin: { kind: 'percent', value: '35' }, overrides: {}, minimumProfit: '0', rounding: '.99', currencyBufferPercent: '2' };
const ACME = [{ supplier: 'acme', id: 'acme-dv' }, { supplier: 'acme', id: 'acme-multi' }];
const SANDBOX = ['sandbox-dv-single', 'sandbox-dv-wildcard', 'sandbox-ov-multi'].map((id) => ({ supplier: 'sandbox', id }));

const PRICE_COLS = 'currency, msetupfee, qsetupfee, ssetupfee, asetupfee, bsetupfee, tsetupfee, monthly, quarterly, semiannually, annually, biennially, triennially';
const fees = { msetupfee: '0.00', qsetupfee: '0.00', ssetupfee: '0.00', asetupfee: '0.00', bsetupfee: '0.00', tsetupfee: '0.00' };
const productPrice = (currency: number, annually: string, biennially = '-1.00', triennially = '-1.00') => ({ currency, ...fees, monthly: '-1.00', quarterly: '-1.00', semiannually: '-1.00', annually, biennially, triennially });
const optionPrice = (currency: number, annually: string, biennially = '0.00', triennially = '0.00') => ({ currency, ...fees, monthly: '0.00', quarterly: '0.00', semiannually: '0.00', annually, biennially, triennially });

async function rows(sql: string, params: unknown[] = []): Promise<any[]> {
  const [r] = await conn.query(sql, params);
  return r as any[];
}

beforeAll(async () => {
  srv = await startTestServer({ label: 'admin_import', sqlMode: 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO' });
  conn = await mysql.createConnection({ uri: srv.database.url, dateStrings: true });
  front = adminFront(srv, [acme]);
  api = adminClient(front, await signIn(srv));
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('import of new products', () => {
  it('previews every term and currency, with SAN rows, before anything is written', async () => {
    const load = await api.post('/catalogue/load', { supplier: 'acme', refresh: false });
    expect(load.status).toBe(200);
    expect(load.body.products.map((p: any) => [p.id, p.importedAs])).toEqual([['acme-dv', null], ['acme-multi', null]]);

    const before = await snapshot(conn);
    const res = await api.post('/import/preview', { products: ACME, rules: RULES, group: { newName: 'Acme Certificates' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lossCount: 0, newProducts: 2, updatedProducts: 0, problems: [] });
    const table = Object.fromEntries(res.body.rows.map((r: any) => [`${r.key} ${r.item} ${r.months} ${r.currency}`, `${r.cost} ${r.newSell} ${r.profit} ${r.currentSell}`]));
    expect(table).toEqual({
      'acme:acme-dv certificate 12 USD': '10.00 13.99 3.99 null',
      'acme:acme-dv certificate 12 EUR': '9.39 12.99 3.60 null', // 10 × 0.92 × 1.02 = 9.384
      'acme:acme-dv certificate 12 GBP': '8.06 10.99 2.93 null',
      'acme:acme-dv certificate 24 USD': '19.00 25.99 6.99 null',
      'acme:acme-dv certificate 24 EUR': '17.83 24.99 7.16 null',
      'acme:acme-dv certificate 24 GBP': '15.32 20.99 5.67 null',
      'acme:acme-multi certificate 12 USD': '110.87 149.99 39.12 null', // EUR cost: 100 / 0.92 × 1.02
      'acme:acme-multi certificate 12 EUR': '100.00 135.99 35.99 null', // own currency: no buffer
      'acme:acme-multi certificate 12 GBP': '87.59 118.99 31.40 null',
      'acme:acme-multi extraDomain 12 USD': '11.09 14.99 3.90 null',
      'acme:acme-multi extraDomain 12 EUR': '10.00 13.99 3.99 null',
      'acme:acme-multi extraDomain 12 GBP': '8.76 11.99 3.23 null',
    });
    expect(res.body.rows.find((r: any) => r.item === 'extraDomain').name).toBe('Acme Multi-Domain — each additional domain');
    expect(await snapshot(conn)).toEqual(before);
  });

  it('writes the group, products, prices and the SAN option exactly', async () => {
    const res = await api.post('/import/apply', { products: ACME, rules: RULES, group: { newName: 'Acme Certificates' }, acknowledgeLoss: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 2,
      updated: 0,
      groupId: 2,
      products: [
        { pid: 4, name: 'Acme DV', adminUrl: 'https://billing.example.com/admin/configproducts.php?action=edit&id=4' },
        { pid: 5, name: 'Acme Multi-Domain', adminUrl: 'https://billing.example.com/admin/configproducts.php?action=edit&id=5' },
      ],
    });

    const [group] = await rows('SELECT * FROM tblproductgroups WHERE id = 2');
    expect(group).toMatchObject({ name: 'Acme Certificates', slug: 'acme-certificates', headline: null, tagline: null, orderfrmtpl: '', disabledgateways: '', hidden: 0, order: 2 });
    expect(group.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const products = await rows('SELECT * FROM tblproducts WHERE id IN (4, 5) ORDER BY id');
    const common = {
      type: 'other', gid: 2, hidden: 0, showdomainoptions: 0, welcomeemail: 0, stockcontrol: 0, qty: 0, proratabilling: 0, proratadate: 0, proratachargenextmonth: 0,
      paytype: 'recurring', allowqty: 0, subdomain: '', autosetup: 'payment', servertype: 'certbridge', servergroup: 1,
      configoption1: 'acme', configoption3: 'on', configoption4: 'rsa2048',
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`configoption${i + 5}`, ''])),
      freedomain: '', freedomainpaymentterms: '', freedomaintlds: '', recurringcycles: 0, autoterminatedays: 0, autoterminateemail: 0, configoptionsupgrade: 0, billingcycleupgrade: '', upgradeemail: 0,
      overagesenabled: '', overagesdisklimit: 0, overagesbwlimit: 0, overagesdiskprice: '0.0000', overagesbwprice: '0.0000', tax: 1, affiliateonetime: 0, affiliatepaytype: '', affiliatepayamount: '0.00',
      retired: 0, is_featured: 0,
    };
    const { created_at, updated_at, ...first } = products[0];
    expect(created_at).toBe(updated_at);
    expect(first).toEqual({
      id: 4, ...common, name: 'Acme DV', slug: 'acme-dv', configoption2: 'acme-dv', order: 1,
      description: 'Domain-validated (DV) certificate from Acme CA. Covers the domain and its www. name. Domain validation by e-mail, DNS.',
    });
    const { created_at: _c, updated_at: _u, ...second } = products[1];
    expect(second).toEqual({
      id: 5, ...common, name: 'Acme Multi-Domain', slug: 'acme-multi-domain', configoption2: 'acme-multi', order: 2,
      description: 'Organisation-validated (OV) certificate from Acme CA. Includes 1 domain name; up to 50 with additional domains. Domain validation by e-mail, DNS.',
    });

    expect(await rows(`SELECT ${PRICE_COLS} FROM tblpricing WHERE type = 'product' AND relid = 4 ORDER BY currency`)).toEqual([
      productPrice(1, '13.99', '25.99'),
      productPrice(2, '12.99', '24.99'),
      productPrice(3, '10.99', '20.99'),
    ]);
    expect(await rows(`SELECT ${PRICE_COLS} FROM tblpricing WHERE type = 'product' AND relid = 5 ORDER BY currency`)).toEqual([
      productPrice(1, '149.99'),
      productPrice(2, '135.99'),
      productPrice(3, '118.99'),
    ]);

    const groups = await rows('SELECT * FROM tblproductconfiggroups');
    expect(groups).toEqual([{ id: groups[0].id, name: 'Acme Multi-Domain — additional domains', description: 'Additional domains for Acme Multi-Domain, managed by certbridge (acme:acme-multi): re-importing overwrites its prices.' }]);
    expect(await rows('SELECT gid, pid FROM tblproductconfiglinks')).toEqual([{ gid: groups[0].id, pid: 5 }]);
    const options = await rows('SELECT * FROM tblproductconfigoptions');
    expect(options).toEqual([{ id: options[0].id, gid: groups[0].id, optionname: 'Additional domains', optiontype: '4', qtyminimum: 0, qtymaximum: 49, order: 0, hidden: 0 }]);
    const subs = await rows('SELECT * FROM tblproductconfigoptionssub');
    expect(subs).toEqual([{ id: subs[0].id, configid: options[0].id, optionname: 'Additional domain', sortorder: 0, hidden: 0 }]);
    expect(await rows(`SELECT ${PRICE_COLS} FROM tblpricing WHERE type = 'configoptions' AND relid = ? ORDER BY currency`, [subs[0].id])).toEqual([
      optionPrice(1, '14.99'),
      optionPrice(2, '13.99'),
      optionPrice(3, '11.99'),
    ]);

    const load = await api.post('/catalogue/load', { supplier: 'acme', refresh: false });
    expect(load.body.products.map((p: any) => p.importedAs)).toEqual([4, 5]);
  });

  it('re-running updates the same rows in place: counts and ids unchanged, prices changed', async () => {
    const counts = await rowCounts(conn);
    const ids = await rows('SELECT id FROM tblpricing ORDER BY id');
    const res = await api.post('/import/apply', { products: ACME, rules: { ...RULES, margin: { kind: 'percent', value: '50' } }, group: { existingId: 2 }, acknowledgeLoss: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 2, groupId: 2 });
    expect(await rowCounts(conn)).toEqual(counts);
    expect(await rows('SELECT id FROM tblpricing ORDER BY id')).toEqual(ids);
    expect(await rows(`SELECT currency, annually, biennially FROM tblpricing WHERE type = 'product' AND relid = 4 ORDER BY currency`)).toEqual([
      { currency: 1, annually: '15.99', biennially: '28.99' }, // 10.00 × 1.5 = 15.00 → .99
      { currency: 2, annually: '14.99', biennially: '26.99' }, // 9.39 × 1.5 = 14.085
      { currency: 3, annually: '12.99', biennially: '22.99' },
    ]);
    const [sub] = await rows('SELECT id FROM tblproductconfigoptionssub');
    expect(await rows(`SELECT currency, annually FROM tblpricing WHERE type = 'configoptions' AND relid = ? ORDER BY currency`, [sub.id])).toEqual([
      { currency: 1, annually: '16.99' }, // 11.09 × 1.5 = 16.635
      { currency: 2, annually: '15.99' },
      { currency: 3, annually: '13.99' },
    ]);
  });
});

describe('re-apply after the world changed', () => {
  it('adds rows for a currency added since, and hides the SAN option of a product that stopped selling extra names', async () => {
    await conn.query(`INSERT INTO tblcurrencies (code, prefix, suffix, format, rate, \`default\`) VALUES ('CHF', 'CHF ', '', 1, 0.88000, 0)`);
    const multi = acme.products.find((p) => p.id === 'acme-multi')!;
    multi.maxDomains = multi.includedDomains;
    try {
      expect((await api.post('/catalogue/load', { supplier: 'acme', refresh: true })).status).toBe(200);
      const res = await api.post('/import/apply', { products: ACME, rules: RULES, group: { existingId: 2 }, acknowledgeLoss: false });
      expect(res.status).toBe(200);
      const chf = await rows(`SELECT relid, annually FROM tblpricing WHERE type = 'product' AND currency = 4 AND relid IN (4, 5) ORDER BY relid`);
      expect(chf).toEqual([{ relid: 4, annually: '12.99' }, { relid: 5, annually: '131.99' }]); // 10 × 0.88 × 1.02 = 8.98 → 12.13; 100 / 0.92 × 0.88 × 1.02 = 97.57 → 131.72
      expect(await rows('SELECT hidden FROM tblproductconfigoptions')).toEqual([{ hidden: 1 }]);

      multi.maxDomains = 50;
      expect((await api.post('/catalogue/load', { supplier: 'acme', refresh: true })).status).toBe(200);
      expect((await api.post('/import/apply', { products: ACME, rules: RULES, group: { existingId: 2 }, acknowledgeLoss: false })).status).toBe(200);
      expect(await rows('SELECT hidden, qtymaximum FROM tblproductconfigoptions')).toEqual([{ hidden: 0, qtymaximum: 49 }]);
      const [sub] = await rows('SELECT id FROM tblproductconfigoptionssub');
      expect(await rows(`SELECT currency, annually FROM tblpricing WHERE type = 'configoptions' AND relid = ? ORDER BY currency`, [sub.id])).toEqual([
        { currency: 1, annually: '14.99' },
        { currency: 2, annually: '13.99' },
        { currency: 3, annually: '11.99' },
        { currency: 4, annually: '13.99' }, // 10 / 0.92 × 0.88 × 1.02 = 9.76 → 13.18
      ]);
    } finally {
      await conn.query(`DELETE FROM tblpricing WHERE currency = 4`);
      await conn.query(`DELETE FROM tblcurrencies WHERE code = 'CHF'`);
    }
  });
});

describe('the seeded sandbox products count as imported', () => {
  it('previews today\'s WHMCS prices next to the new ones', async () => {
    const res = await api.post('/import/preview', { products: SANDBOX, rules: RULES, group: { existingId: 1 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ newProducts: 0, updatedProducts: 3, lossCount: 0, problems: [] });
    const pick = (key: string, item: string, months: number, currency: string) => res.body.rows.find((r: any) => r.key === key && r.item === item && r.months === months && r.currency === currency);
    expect(pick('sandbox:sandbox-dv-single', 'certificate', 12, 'USD')).toEqual({ key: 'sandbox:sandbox-dv-single', name: 'Sandbox DV Single Domain', months: 12, currency: 'USD', cost: '8.00', currentSell: '49.00', newSell: '10.99', profit: '2.99', loss: false, item: 'certificate' });
    expect(pick('sandbox:sandbox-dv-single', 'certificate', 24, 'EUR')).toMatchObject({ cost: '14.27', currentSell: '81.88', newSell: '19.99' }); // 15.20 × 0.92 × 1.02 = 14.263
    expect(pick('sandbox:sandbox-dv-single', 'certificate', 36, 'GBP')).toMatchObject({ cost: '18.38', currentSell: null, newSell: '24.99' }); // triennially is -1 today
    expect(pick('sandbox:sandbox-ov-multi', 'extraDomain', 12, 'USD')).toMatchObject({ cost: '12.00', currentSell: null, newSell: '16.99' });
  });

  it('updates them in place, keeps the admin\'s names and settings, and adds the SAN option', async () => {
    const before = await rowCounts(conn);
    const seeded = await rows('SELECT id, name, slug, description, configoption3, configoption4, created_at FROM tblproducts WHERE id <= 3 ORDER BY id');
    const res = await api.post('/import/apply', { products: SANDBOX, rules: RULES, group: { existingId: 1 }, acknowledgeLoss: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 3, groupId: 1 });
    expect(res.body.products.map((p: any) => p.pid)).toEqual([1, 2, 3]);
    expect(await rows('SELECT id, name, slug, description, configoption3, configoption4, created_at FROM tblproducts WHERE id <= 3 ORDER BY id')).toEqual(seeded);
    const after = await rowCounts(conn);
    expect(after).toEqual({ ...before, tblproductconfiggroups: before.tblproductconfiggroups + 1, tblproductconfigoptions: before.tblproductconfigoptions + 1, tblproductconfigoptionssub: before.tblproductconfigoptionssub + 1, tblproductconfiglinks: before.tblproductconfiglinks + 1, tblpricing: before.tblpricing + 3 });
    expect(await rows(`SELECT id, ${PRICE_COLS} FROM tblpricing WHERE type = 'product' AND relid = 1 ORDER BY currency`)).toEqual([
      { id: 1, ...productPrice(1, '10.99', '20.99', '30.99') },
      { id: 2, ...productPrice(2, '10.99', '19.99', '28.99') },
      { id: 3, ...productPrice(3, '8.99', '16.99', '24.99') },
    ]);
    const [option] = await rows(`SELECT o.qtymaximum, o.optiontype FROM tblproductconfiglinks l JOIN tblproductconfigoptions o ON o.gid = l.gid WHERE l.pid = 3`);
    expect(option).toEqual({ qtymaximum: 97, optiontype: '4' });
  });
});

describe('all or nothing', () => {
  it('a failure mid-apply leaves every WHMCS table exactly as it was, and frees the lock', async () => {
    acme.products.push(memoryProduct('acme-wide', { name: 'Acme Wide', cost: [[12, '50.00']], san: [[12, '5.00']] }));
    expect((await api.post('/catalogue/load', { supplier: 'acme', refresh: true })).status).toBe(200);
    const request = { products: [...ACME, { supplier: 'acme', id: 'acme-wide' }], rules: RULES, group: { newName: 'Will Fail' }, acknowledgeLoss: false };
    const before = await snapshot(conn);
    // Products, prices and the SAN group are written before the links table is touched.
    await conn.query('RENAME TABLE tblproductconfiglinks TO tblproductconfiglinks_away');
    try {
      const res = await api.post('/import/apply', request);
      expect(res.status).toBe(500);
      expect(res.body.error.message).toMatch(/Nothing was changed/);
    } finally {
      await conn.query('RENAME TABLE tblproductconfiglinks_away TO tblproductconfiglinks');
    }
    expect(await snapshot(conn)).toEqual(before);

    // The app's streamed apply: progress lines while the transaction runs, then the outcome.
    const before2 = await snapshot(conn);
    await conn.query('RENAME TABLE tblproductconfiglinks TO tblproductconfiglinks_away');
    try {
      const streamed = await api.post('/import/apply', request).set('accept', 'application/x-ndjson');
      const lines = streamed.text.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.progress).length).toBeGreaterThan(1);
      expect(lines.at(-1).error.message).toMatch(/rolled back: nothing was changed/);
    } finally {
      await conn.query('RENAME TABLE tblproductconfiglinks_away TO tblproductconfiglinks');
    }
    expect(await snapshot(conn)).toEqual(before2);

    const retry = await api.post('/import/apply', request).set('accept', 'application/x-ndjson');
    expect(retry.status).toBe(200);
    expect(retry.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = retry.text.trim().split('\n').map((l) => JSON.parse(l));
    const phases = lines.filter((l) => l.progress).map((l) => l.progress);
    expect(phases.map((p) => p.done)).toEqual([...phases.map((p) => p.done)].sort((a, b) => a - b));
    expect(phases.at(-1)).toMatchObject({ done: phases.at(-1).total, phase: 'Saved' });
    expect(lines.at(-1).result).toMatchObject({ created: 1, updated: 2 });
  });
});

describe('the apply lock', () => {
  const request = { products: ACME, rules: RULES, group: { existingId: 2 }, acknowledgeLoss: false };

  it('refuses a second apply while one runs, on any instance, with 409 naming the admin', async () => {
    const lease = await new ApplyLock(srv.running.app.dbHandle.db).acquire(7);
    const before = await snapshot(conn);
    try {
      const res = await api.post('/import/apply', request);
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: 'conflict', message: 'Another import is being applied by admin #7; try again when it finishes' });
      const reprice = await api.post('/reprice/apply', { pids: [4], rules: RULES, acknowledgeLoss: false });
      expect(reprice.status).toBe(409);
    } finally {
      await lease.release();
    }
    expect(await snapshot(conn)).toEqual(before);
    expect((await api.post('/import/apply', request)).status).toBe(200);
  });

  it('takes over a lease left behind by a crashed instance', async () => {
    await conn.query(`INSERT INTO mod_certbridge_locks (name, holder, admin_id, acquired_at, expires_at) VALUES ('apply', 'dead', 9, NOW(3) - INTERVAL 1 HOUR, NOW(3) - INTERVAL 50 MINUTE)`);
    expect((await api.post('/import/apply', request)).status).toBe(200);
    expect(await rows('SELECT * FROM mod_certbridge_locks')).toEqual([]);
  });

  it('racing applies never duplicate: each either applies or is refused', async () => {
    const results = await Promise.all([1, 2, 3].map(() => api.post('/import/apply', request)));
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const [{ n }] = await rows(`SELECT COUNT(*) AS n FROM tblproducts WHERE servertype = 'certbridge' AND configoption1 = 'acme'`);
    expect(Number(n)).toBe(3);
  });
});
