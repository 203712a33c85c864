/**
 * The supplier settings page in Debian Chromium against the real server: a supplier with no
 * test system says so and cannot be switched to test mode; credentials saved for HEXONET
 * (pointed at its protocol-faithful fake) are checked at once, stored encrypted, and never
 * sent back to the browser.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAddon, readText, screenshot, startAdminBrowserEnv, type AdminBrowserEnv, type Browser, type WhmcsStandIn } from '../support/admin-ui';
import type { TestServer } from '../support/server';
import { startFakeHexonet, type FakeHexonet } from '../fakes/hexonet/server';

let srv: TestServer;
let conn: mysql.Connection;
let whmcs: WhmcsStandIn;
let browser: Browser;
let fake: FakeHexonet;

let env: AdminBrowserEnv;
beforeAll(async () => {
  fake = await startFakeHexonet();
  env = await startAdminBrowserEnv('admin_e2e_sup');
  ({ srv, conn, whmcs, browser } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
  await fake?.close();
});

describe('the supplier settings page', () => {
  it('states that ispmanager has no test system and offers no test mode for it', async () => {
    const { page, app } = await openAddon(browser, whmcs);
    await app.getByRole('link', { name: 'Suppliers' }).click();
    const isp = app.locator('section[data-supplier="ispmanager"]');
    await isp.waitFor();
    expect(await readText(app, 'section[data-supplier="ispmanager"] .alert-warning')).toMatch(/no test system/);
    expect(await isp.locator('input[type="radio"][value="test"]').isDisabled()).toBe(true);
    await screenshot(page, 'admin-suppliers-01-list');
  });

  it('saves HEXONET credentials, checks the connection, and never shows the password again', async () => {
    const { page, app } = await openAddon(browser, whmcs);
    await app.getByRole('link', { name: 'Suppliers' }).click();
    const hex = app.locator('section[data-supplier="hexonet"]');
    await hex.waitFor();
    await hex.locator('input[type="radio"][value="test"]').check();
    for (const [key, value] of Object.entries(fake.credentials)) {
      const box = hex.locator(`#hexonet-${key}`);
      if (await box.count()) await box.fill(value);
    }
    await hex.locator('#hexonet-base').fill(fake.url);
    await hex.getByRole('button', { name: /Save and check connection/ }).click();
    const status = hex.locator('[role="status"]');
    await status.waitFor();
    expect(await status.getAttribute('class')).toContain('alert-success');
    await screenshot(page, 'admin-suppliers-02-saved');

    const [[row]] = (await conn.query("SELECT mode, sealed_credentials, base_url FROM mod_certbridge_supplier_settings WHERE code = 'hexonet'")) as any;
    expect(row.mode).toBe('test');
    expect(row.base_url).toBe(fake.url);
    expect(row.sealed_credentials).not.toContain(fake.credentials.password);

    // A fresh page: the stored password is marked as stored, and its value is nowhere in the page.
    const again = await openAddon(browser, whmcs);
    await again.app.getByRole('link', { name: 'Suppliers' }).click();
    await again.app.locator('section[data-supplier="hexonet"]').waitFor();
    const html = await again.app.locator('body').innerHTML();
    expect(html).not.toContain(fake.credentials.password);
    expect(await again.app.locator('#hexonet-password').getAttribute('placeholder')).toMatch(/stored/);
    expect(await readText(again.app, 'section[data-supplier="hexonet"] h2')).toMatch(/HEXONET\s+test/);
  });

  it('a wrong password is saved but the check says why it failed', async () => {
    const { app } = await openAddon(browser, whmcs);
    await app.getByRole('link', { name: 'Suppliers' }).click();
    const hex = app.locator('section[data-supplier="hexonet"]');
    await hex.waitFor();
    await hex.locator('#hexonet-password').fill('definitely-wrong');
    await hex.getByRole('button', { name: /Save and check connection/ }).click();
    const status = hex.locator('[role="status"]');
    await status.waitFor();
    expect(await status.getAttribute('class')).toContain('alert-danger');
    expect(await status.innerText()).toMatch(/HEXONET/);
  });
});
