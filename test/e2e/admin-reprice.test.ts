/**
 * Bulk re-price in Debian Chromium against the real server: the same preview and guards as
 * the import. A loss is refused until acknowledged, a second concurrent apply is refused
 * with a clear reason and writes nothing, and the accepted apply lands in tblpricing.
 */
import mysql from 'mysql2/promise';
import type { FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAddon, readText, screenshot, type Browser, type WhmcsStandIn, startAdminBrowserEnv, clickNext, type AdminBrowserEnv } from '../support/admin-ui';
import { type TestServer } from '../support/server';
import { snapshot } from '../support/whmcs-snapshot';

let srv: TestServer;
let conn: mysql.Connection;
let whmcs: WhmcsStandIn;
let browser: Browser;

async function rows<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await conn.query(sql, params);
  return r as T[];
}

const next = clickNext;

let env: AdminBrowserEnv;
beforeAll(async () => {
  env = await startAdminBrowserEnv('admin_e2e_reprice');
  ({ srv, conn, whmcs, browser } = env);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

describe('bulk re-price', () => {
  it('refuses a loss until it is acknowledged and a concurrent apply, then writes the prices', async () => {
    const { page, app } = await openAddon(browser, whmcs);
    await app.getByRole('link', { name: 'Re-price products' }).click();
    await app.getByRole('heading', { name: 'Re-price imported products' }).waitFor();

    // The products the seed imported, with their WHMCS ids.
    await app.locator('tr[data-pid]').first().waitFor();
    const pids = (await app.locator('tr[data-pid]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-pid'))))).sort();
    expect(pids).toEqual((await rows<{ id: number }>("SELECT id FROM tblproducts WHERE servertype = 'certbridge' ORDER BY id")).map((r) => r.id));
    await next(app);
    expect(await readText(app, '[data-test=step-error]')).toBe('Select at least one product to re-price.');
    await app.locator('#imported-filter').fill('Single');
    await app.getByLabel('Select all shown products').check();
    await app.locator('#imported-filter').fill('');
    expect(await readText(app, 'section[aria-label="Imported products"] .counts')).toBe(`1 selected · ${pids.length} shown`);
    await next(app);

    // A loss leader: 20 % below cost, no rounding.
    await app.locator('#margin-value').fill('-20');
    await app.locator('#rounding').selectOption('none');
    await next(app);
    await app.locator('[data-test=loss-alert]').waitFor();
    expect(await readText(app, '[data-test=loss-alert]')).toMatch(/^\d+ prices would be below cost\. They are marked in red\./);
    expect(await app.locator('section[aria-label=Preview] tbody tr[data-loss]').count()).toBeGreaterThan(0);
    const before = await snapshot(conn);

    // Apply without the acknowledgement: refused in plain words, nothing written.
    await app.getByRole('button', { name: 'Apply prices' }).click();
    expect(await readText(app, '[data-test=step-error]')).toMatch(/^(\d+) prices are below cost: tick "I accept selling \1 prices below cost" under the table, or change the pricing\.$/);
    await screenshot(page, 'admin-reprice-01-loss-not-acknowledged');
    expect(await snapshot(conn)).toEqual(before);

    // Another admin is applying right now (their lease is in the shared lock table).
    await conn.query("INSERT INTO mod_certbridge_locks (name, holder, admin_id, acquired_at, expires_at) VALUES ('apply', REPEAT('a', 32), 2, NOW(3), NOW(3) + INTERVAL 5 MINUTE)");
    await app.getByRole('checkbox', { name: /I accept selling \d+ prices? below cost/ }).check();
    await app.getByRole('button', { name: 'Apply prices' }).click();
    await app.locator('[data-test=apply-error]').waitFor();
    expect(await readText(app, '[data-test=apply-error]')).toContain('Nothing was applied: Another import is being applied by admin #2; try again when it finishes');
    expect(await readText(app, '[data-test=apply-error]')).toContain('Someone else is applying prices right now.');
    await screenshot(page, 'admin-reprice-02-concurrent-apply');
    expect(await snapshot(conn)).toEqual(before);

    // They finished: back to the preview (asked again, acknowledgement reset), then apply.
    await conn.query("DELETE FROM mod_certbridge_locks WHERE name = 'apply'");
    await app.getByRole('button', { name: 'Back to the preview' }).click();
    await app.locator('[data-test=loss-alert]').waitFor();
    expect(await app.getByRole('checkbox', { name: /I accept selling/ }).isChecked()).toBe(false);
    const usdYear = await app.locator('tr[data-loss]', { hasText: 'USD' }).filter({ hasText: '1 year' }).first().locator('td').allInnerTexts();
    await app.getByRole('checkbox', { name: /I accept selling/ }).check();
    await app.getByRole('button', { name: 'Apply prices' }).click();
    await app.locator('[data-test=apply-done]').waitFor();
    expect(await readText(app, '[data-test=apply-done]')).toBe('Done. 0 products created, 1 updated.');
    await screenshot(page, 'admin-reprice-03-done');

    // tblpricing holds the previewed loss price, below the supplier's cost.
    const [price] = await rows<{ annually: string }>(
      "SELECT p.annually FROM tblpricing p JOIN tblcurrencies c ON c.id = p.currency JOIN tblproducts t ON t.id = p.relid WHERE p.type = 'product' AND c.code = 'USD' AND t.configoption2 = 'sandbox-dv-single'",
    );
    expect(price.annually).toBe(usdYear[6].trim());
    expect(Number(price.annually)).toBeLessThan(Number(usdYear[4]));
    expect(await rows("SELECT COUNT(*) AS n FROM mod_certbridge_locks")).toEqual([{ n: 0 }]);
    await page.close();
  });
});
