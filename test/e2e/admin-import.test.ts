/**
 * The import wizard in Debian Chromium, end to end: a stand-in WHMCS admin page runs the real
 * addon module (PHP emulator), which asks the real server for a sign-in token and embeds the
 * built app; the wizard imports the sandbox catalogue into a new product group in every
 * currency; then the WHMCS rows are checked. Also: bad input shown clearly (empty and
 * duplicate group names, a currency rate of 0, a supplier failing mid-load) and a supplier's
 * product name with markup rendered as text. Screenshots go to test-artifacts/.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../server/admin/routes';
import { adminStatic } from '../../server/admin/static';
import { errorHandler } from '../../server/http/errors';
import { SupplierRegistry } from '../../server/suppliers/registry';
import { appFrameHandle, openAddon as openAddonPage, readText, screenshot, startAdminBrowserEnv, startWhmcsStandIn, clickNext, type AdminBrowserEnv, type Browser, type WhmcsStandIn } from '../support/admin-ui';
import { MemorySupplier, memoryProduct } from '../support/memory-supplier';
import { type TestServer } from '../support/server';

const XSS = '<img src=x onerror=alert(1)>';

let srv: TestServer;
let conn: mysql.Connection;
let whmcs: WhmcsStandIn;
let browser: Browser;

async function rows<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await conn.query(sql, params);
  return r as T[];
}

/** Opens the addon page on the import wizard (the app's start page). */
async function openAddon(standIn = whmcs): Promise<{ page: Page; app: FrameLocator }> {
  const opened = await openAddonPage(browser, standIn);
  await opened.app.getByRole('heading', { name: 'Import certificates as WHMCS products' }).waitFor();
  return opened;
}

const next = clickNext;
const text = readText;

let env: AdminBrowserEnv;
beforeAll(async () => {
  env = await startAdminBrowserEnv('admin_e2e_import');
  ({ srv, conn, whmcs, browser } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

describe('the import wizard', () => {
  it('signs in from the WHMCS addon page and keeps the token out of the address', async () => {
    const { page, app } = await openAddon();
    const frame = await appFrameHandle(page);
    expect(frame.url()).toBe(`${srv.url}/admin/import`);
    const src = (await page.locator('#certbridge-app').getAttribute('src')) ?? '';
    expect(src).toMatch(new RegExp(`^${srv.url}/admin/#token=[A-Za-z0-9_-]{43}&origin=`));
    // The token was spent: it cannot sign anyone in a second time.
    const token = new URLSearchParams(src.split('#')[1]).get('token');
    const again = await fetch(`${srv.url}/admin/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(again.status).toBe(401);
    // No cookie is involved: the session lives in the page's memory.
    expect(await browser.context.cookies(srv.url)).toEqual([]);
    expect(await text(app, '.topnav .who')).toBe('Signed in as admin #1');
    await page.close();
  });

  it('imports the sandbox catalogue into a new product group in every currency', async () => {
    const { page, app } = await openAddon();
    // The only usable supplier is chosen already.
    await app.locator('input[name=supplier-sandbox]:checked').waitFor();
    await screenshot(page, 'admin-import-01-suppliers');
    await next(app);

    // Catalogue: progress per supplier, then the product table.
    await app.locator('.loads li[data-supplier=sandbox] .label-success').waitFor();
    expect(await text(app, '.loads li[data-supplier=sandbox]')).toMatch(/Sandbox CA Loaded 3 products, prices as of/);
    expect(await app.locator('tbody tr[data-product]').count()).toBe(3);
    await app.locator('#product-filter').fill('wildcard');
    expect(await app.locator('tbody tr[data-product]').count()).toBe(1);
    await app.locator('#product-filter').fill('');
    await app.getByLabel('Select all shown products').check();
    expect(await text(app, 'section[aria-label=Products] .toolbar .counts')).toBe('3 selected · 3 shown');
    expect(await text(app, 'tr[data-product="sandbox:sandbox-ov-multi"]')).toContain('Up to 100 names (3 included)');
    await screenshot(page, 'admin-import-02-products');
    await next(app);

    // Pricing: 40 % margin, .99 endings, 2 % buffer; every WHMCS currency listed.
    await app.locator('#margin-value').fill('40');
    await app.locator('#rounding').selectOption('.99');
    await app.locator('#currency-buffer').fill('2');
    expect(await app.locator('tr[data-currency]').count()).toBe(3);
    await app.locator('#margin-value').fill('forty');
    await next(app);
    expect(await text(app, '.field-error')).toBe('The default margin in percent must be a number like 12 or 12.50.');
    expect(await text(app, '[data-test=step-error]')).toBe('Correct the pricing fields marked in red.');
    await app.locator('#margin-value').fill('40');
    await screenshot(page, 'admin-import-03-pricing');
    // A laptop screen: the currency panel moves under the margins instead of squeezing them.
    await page.setViewportSize({ width: 1024, height: 640 });
    await screenshot(page, 'admin-import-03b-pricing-laptop');
    await page.setViewportSize({ width: 1280, height: 900 });
    await next(app);

    // Group: empty and duplicate names are refused with a plain reason.
    await app.getByLabel('New group').check();
    await next(app);
    expect(await text(app, '[data-test=step-error]')).toBe('Enter a name for the new product group.');
    await app.locator('#group-new').fill('  ssl certificates ');
    await next(app);
    expect(await text(app, '[data-test=step-error]')).toBe('A product group named "SSL Certificates" already exists: choose it under "Existing group", or enter another name.');
    await screenshot(page, 'admin-import-04-group-duplicate');
    await app.locator('#group-new').fill('Sandbox SSL');
    await next(app);

    // Preview: the seed imported all three before; every term and currency is priced.
    await app.locator('section[aria-label=Preview] tbody tr').first().waitFor();
    expect(await text(app, 'section[aria-label=Preview] .toolbar .counts')).toBe('0 new products · 3 updated · 36 prices');
    expect(await app.locator('[data-test=loss-alert]').count()).toBe(0);
    const dvEur = app.locator('tr[data-key="sandbox:sandbox-dv-single"]', { hasText: 'EUR' }).filter({ hasText: '1 year' }).filter({ hasText: 'Certificate' });
    const dvEurCells = await dvEur.locator('td').allTextContents();
    const dvEurSell = dvEurCells[6].trim();
    expect(dvEurSell).toMatch(/^\d+\.99$/);
    await screenshot(page, 'admin-import-05-preview');

    await app.getByRole('button', { name: 'Apply prices' }).click();
    await app.locator('[data-test=apply-done]').waitFor();
    expect(await text(app, '[data-test=apply-done]')).toBe('Done. 0 products created, 3 updated.');
    expect(await app.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const links = app.locator('section[aria-label=Apply] tbody a');
    expect(await links.count()).toBe(3);
    await screenshot(page, 'admin-import-06-summary');

    // The database: the new group holds all three, priced in USD, EUR and GBP.
    const [group] = await rows<{ id: number }>("SELECT id FROM tblproductgroups WHERE name = 'Sandbox SSL'");
    expect(group).toBeTruthy();
    const products = await rows<{ id: number; gid: number; configoption1: string; configoption2: string; name: string }>(
      "SELECT id, gid, configoption1, configoption2, name FROM tblproducts WHERE servertype = 'certbridge' ORDER BY id",
    );
    expect(products.map((p) => [p.configoption2, p.gid])).toEqual([
      ['sandbox-dv-single', group.id],
      ['sandbox-dv-wildcard', group.id],
      ['sandbox-ov-multi', group.id],
    ]);
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toEqual(products.map((p) => `${whmcs.origin}/admin/configproducts.php?action=edit&id=${p.id}`));
    const prices = await rows<{ relid: number; code: string; annually: string; biennially: string; triennially: string }>(
      "SELECT p.relid, c.code, p.annually, p.biennially, p.triennially FROM tblpricing p JOIN tblcurrencies c ON c.id = p.currency WHERE p.type = 'product' AND p.relid IN (?) ORDER BY p.relid, c.id",
      [products.map((p) => p.id)],
    );
    expect(prices).toHaveLength(9);
    for (const row of prices) for (const v of [row.annually, row.biennially, row.triennially]) expect(v).toMatch(/^\d+\.99$/);
    const dvSingle = products.find((p) => p.configoption2 === 'sandbox-dv-single')!;
    expect(prices.find((r) => r.relid === dvSingle.id && r.code === 'EUR')!.annually).toBe(dvEurSell);
    await page.close();
  });

  it('renders a supplier product name with markup as text and runs nothing', async () => {
    // A product the supplier named with markup, in the stored catalogue the wizard reads.
    const [stored] = await rows<{ products: string }>("SELECT products FROM mod_certbridge_catalogue WHERE supplier = 'sandbox'");
    const products = JSON.parse(stored.products) as { id: string; name: string }[];
    products.push({ ...products.find((p) => p.id === 'sandbox-dv-single')!, id: 'sandbox-markup', name: XSS });
    await conn.query("UPDATE mod_certbridge_catalogue SET products = ? WHERE supplier = 'sandbox'", [JSON.stringify(products)]);

    const { page, app } = await openAddon();
    await next(app);
    const row = app.locator('tr[data-product="sandbox:sandbox-markup"]');
    await row.waitFor();
    expect(await row.locator('.product-name').textContent()).toBe(XSS);
    await row.getByRole('checkbox').check();
    await next(app);
    expect(await app.locator('tr[data-override="sandbox:sandbox-markup"] td').first().textContent()).toBe(XSS);
    await next(app);
    await app.locator('#group-existing').selectOption('1');
    await next(app);
    await app.locator('section[aria-label=Preview] tbody tr').first().waitFor();
    expect((await app.locator('section[aria-label=Preview] tbody td:first-child').first().textContent())?.trim()).toBe(XSS);
    await app.getByRole('button', { name: 'Apply prices' }).click();
    await app.locator('[data-test=apply-done]').waitFor();
    expect(await app.locator('section[aria-label=Apply] tbody a').first().textContent()).toBe(XSS);
    await screenshot(page, 'admin-import-07-markup-as-text');

    const frame = await appFrameHandle(page);
    expect(await frame.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await frame.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts)).toEqual([]);
    expect(browser.dialogs).toEqual([]);
    // Stored as the supplier sent it: escaping is the job of whoever renders it.
    expect(await rows("SELECT name FROM tblproducts WHERE configoption2 = 'sandbox-markup'")).toEqual([{ name: XSS }]);
    await page.close();
  });

  it('refuses a currency with exchange rate 0, in the pricing step and in the preview', async () => {
    await conn.query("UPDATE tblcurrencies SET rate = 0 WHERE code = 'GBP'");
    try {
      const { page, app } = await openAddon();
      await next(app);
      await app.getByLabel('Select all shown products').check();
      await next(app);
      expect(await text(app, 'tr[data-currency=GBP]')).toBe('GBP rate 0 0.00000');
      expect(await text(app, '.panel-body .alert-danger')).toContain('GBP has an exchange rate of 0 in WHMCS');
      await next(app);
      expect(await text(app, '[data-test=step-error]')).toBe('WHMCS has an exchange rate of 0 for GBP: set the rate under System Settings → Currencies first.');
      await screenshot(page, 'admin-import-08-rate-zero');
      await page.close();

      // The rate becomes 0 after the pricing step was passed: the server's preview names it and apply stays shut.
      await conn.query("UPDATE tblcurrencies SET rate = 0.79 WHERE code = 'GBP'");
      const second = await openAddon();
      await next(second.app);
      await second.app.getByLabel('Select all shown products').check();
      await next(second.app);
      await next(second.app);
      await second.app.locator('#group-existing').selectOption('1');
      await conn.query("UPDATE tblcurrencies SET rate = 0 WHERE code = 'GBP'");
      await next(second.app);
      await second.app.locator('[data-test=problems]').waitFor();
      expect(await text(second.app, '[data-test=problems]')).toContain('WHMCS currency GBP has exchange rate 0.00000: prices cannot be converted into it.');
      const before = await rows('SELECT * FROM tblpricing ORDER BY id');
      await second.app.getByRole('button', { name: 'Apply prices' }).click();
      expect(await text(second.app, '[data-test=step-error]')).toContain('WHMCS currency GBP has exchange rate 0.00000');
      expect(await rows('SELECT * FROM tblpricing ORDER BY id')).toEqual(before);
      await screenshot(second.page, 'admin-import-09-rate-zero-preview');
      await second.page.close();
    } finally {
      await conn.query("UPDATE tblcurrencies SET rate = 0.79 WHERE code = 'GBP'");
    }
  });
});

describe('a supplier that fails while the catalogues load', () => {
  const flaky = new MemorySupplier('flaky', 'Flaky CA', [memoryProduct('flaky-dv', { name: 'Flaky DV' })]);
  let front: Server;
  let standIn: WhmcsStandIn;

  beforeAll(async () => {
    // A second HTTP front on the same database whose registry also knows a failing supplier:
    // the real admin routes and static serving, only the supplier list differs.
    const app = srv.running.app;
    const http = express();
    http.use('/admin/api', adminRoutes({ db: app.dbHandle.db, suppliers: new SupplierRegistry([app.sandbox, flaky]) }));
    http.use(adminStatic());
    http.use(errorHandler(app.log));
    front = http.listen(0, '127.0.0.1');
    await new Promise((resolve) => front.once('listening', resolve));
    const frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
    // WHMCS reaches the server for hooks; browsers load the app from the other address.
    standIn = await startWhmcsStandIn({ database: srv.database.url, bridgeUrl: srv.url, secret: srv.secret, browserUrl: frontUrl });
  });

  afterAll(async () => {
    await standIn?.stop();
    front?.closeAllConnections();
    await new Promise((resolve) => front?.close(resolve));
  });

  it('names the supplier, keeps what the others returned and loads it on retry', async () => {
    flaky.failWith = 'connection reset by peer';
    const { page, app } = await openAddon(standIn);
    await next(app);
    expect(await text(app, '[data-test=step-error]')).toBe('Choose at least one supplier.');
    await app.locator('input[name=supplier-sandbox]').check();
    await app.locator('input[name=supplier-flaky]').check();
    await next(app);

    await app.locator('.loads li[data-supplier=flaky] .label-danger').waitFor();
    await app.locator('.loads li[data-supplier=sandbox] .label-success').waitFor();
    expect(await text(app, '.loads li[data-supplier=flaky] .load-error')).toContain('Loading the catalogue of Flaky CA (flaky) failed: connection reset by peer.');
    expect(await text(app, 'section[aria-label="Catalogue loading"] .alert-warning')).toBe(
      'Flaky CA could not be loaded. The products of the other suppliers are listed below; you can import them now and retry the rest later.',
    );
    // The sandbox's stored catalogue (three products plus the one the markup test added) stays usable.
    expect(await app.locator('tr[data-product^="sandbox:"]').count()).toBe(4);
    expect(await app.locator('tr[data-product^="flaky:"]').count()).toBe(0);
    await screenshot(page, 'admin-import-10-supplier-failed');

    flaky.failWith = null;
    await app.locator('.loads li[data-supplier=flaky]').getByRole('button', { name: 'Retry' }).click();
    await app.locator('.loads li[data-supplier=flaky] .label-success').waitFor();
    expect(await app.locator('tr[data-product="flaky:flaky-dv"]').count()).toBe(1);
    expect(await app.locator('tr[data-product^="sandbox:"]').count()).toBe(4);
    await page.close();
  });
});
