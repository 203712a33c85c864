/**
 * The orders view in Debian Chromium against the real server: every certificate order with
 * state, supplier, domain and expiry, filters, and the detail page with the event history.
 * Also how the app behaves when its in-memory session is gone (a reload inside the frame):
 * it says so and gets a fresh sign-in from the WHMCS page. The app is served here under the
 * strict Content-Security-Policy its README recommends, and must not trip it.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFrameHandle, openAddon, readText, screenshot, type Browser, type WhmcsStandIn, startAdminBrowserEnv, type AdminBrowserEnv } from '../support/admin-ui';
import { callHook } from '../support/hooks';
import { type TestServer } from '../support/server';

let srv: TestServer;
let conn: mysql.Connection;
let whmcs: WhmcsStandIn;
let browser: Browser;

let env: AdminBrowserEnv;
beforeAll(async () => {
  env = await startAdminBrowserEnv('admin_e2e_orders', async (server) => {
    // Three orders through the real hooks (WHMCS's CreateAccount), one of them cancelled by staff.
    for (const [serviceid, userid, pid] of [[1, 1, 1], [2, 2, 1], [3, 3, 2]]) {
      const res = await callHook(server, 'CreateAccount', { serviceid, userid, pid });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await callHook(server, 'CancelOrder', { serviceid: 3, userid: 3 }, { adminId: 1 })).status).toBe(200);
  });
  ({ srv, conn, whmcs, browser } = env);
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${whmcs.origin}`;
  await browser.context.route(`${srv.url}/admin/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

describe('the orders view', () => {
  it('lists every order, filters them and shows one order with its history', async () => {
    const { page, app } = await openAddon(browser, whmcs);
    await app.getByRole('link', { name: 'Orders' }).click();
    await app.getByRole('heading', { name: 'Certificate orders' }).waitFor();
    await app.locator('tr[data-order]').first().waitFor();
    expect(await app.locator('tr[data-order]').count()).toBe(3);
    expect(await readText(app, 'p.counts')).toBe('3 orders');
    const obrien = await readText(app, 'tr[data-order]:has-text("obrien.example")');
    expect(obrien).toMatch(/service #2 obrien\.example .+ Sandbox DV Single Domain sandbox Awaiting configuration —/);
    await screenshot(page, 'admin-orders-01-list');

    // Search, then a state filter; both end up in the app's address.
    await app.locator('#order-search').fill('obrien');
    await app.locator('tr[data-order]').nth(1).waitFor({ state: 'detached' });
    expect(await app.locator('tr[data-order]').count()).toBe(1);
    await app.locator('#order-search').fill('');
    await app.locator('#order-state').selectOption('cancelled');
    await app.locator('tr[data-order]').nth(1).waitFor({ state: 'detached' });
    expect(await readText(app, 'tr[data-order]')).toContain('*.zolw.example');
    expect((await appFrameHandle(page)).url()).toBe(`${srv.url}/admin/orders?state=cancelled`);
    await app.locator('#order-state').selectOption('issued');
    await app.getByText('No certificate orders match.').waitFor();
    await screenshot(page, 'admin-orders-02-filtered');
    await app.getByRole('button', { name: 'Clear filters' }).click();
    await app.locator('tr[data-order]').nth(2).waitFor();

    // The detail page: facts and the event history, newest state included.
    const [cancelled] = (await conn.query("SELECT id FROM mod_certbridge_orders WHERE service_id = 3")) as any;
    await app.locator(`tr[data-order="${cancelled[0].id}"] a`).click();
    await app.getByRole('heading', { name: `Order #${cancelled[0].id}` }).waitFor();
    await app.getByRole('heading', { name: 'History' }).waitFor();
    expect(await readText(app, 'dl.facts')).toContain('Domain *.zolw.example');
    const history = await app.locator('section, .table-wrap').last().locator('tbody tr').allInnerTexts();
    expect(history.join('\n')).toMatch(/admin:1\s+Awaiting configuration → Cancelled\s+cancelled\s+Cancelled by staff/);
    await screenshot(page, 'admin-orders-03-detail');
    expect(await (await appFrameHandle(page)).evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await page.close();
  });

  it('asks for a fresh sign-in after a reload and gets it from the WHMCS page', async () => {
    const { page, app } = await openAddon(browser, whmcs);
    const loads = whmcs.loads;
    const frame = await appFrameHandle(page);
    // The session was in memory only: reloading the app alone loses it.
    await frame.evaluate(() => location.reload());
    await app.getByText('The sign-in link works once').waitFor();
    await screenshot(page, 'admin-orders-04-signed-out');
    await app.getByRole('button', { name: 'Sign in again' }).click();
    // The WHMCS page reloads, runs the addon again and the app signs in with a new token.
    await page.waitForURL(whmcs.addonPage);
    await app.locator('nav.topnav').waitFor();
    expect(whmcs.loads).toBe(loads + 1);
    await page.close();
  });
});
