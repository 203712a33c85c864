/**
 * The addon module (whmcs-shim/modules/addons/certbridge), run by the real PHP CLI inside the
 * WHMCS emulator against the stub bridge: Addon Modules settings, activation that changes no
 * data, the admin page that signs the admin in and embeds the app, and the cron hook that
 * delivers the server's outbox.
 */
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../support/mysql';
import { runWhmcs, type EmulatorResult } from '../support/whmcs';
import { StubBridge } from './stub-bridge';

const SECRET = 'addon-shared-secret-5c1e8a';
const TOKEN = 'lt_0123456789abcdefABCDEF-_.~xyz';
const stub = new StubBridge(SECRET);
let db: ScratchDatabase;
let conn: mysql.Connection;

async function sql<T = any>(query: string, args: unknown[] = []): Promise<T[]> {
  const [rows] = await conn.query(query, args);
  return rows as T[];
}

function clean<R>(result: EmulatorResult<R>): EmulatorResult<R> {
  expect(result.warnings).toEqual([]);
  expect(result.error).toBeNull();
  expect(stub.rejections).toEqual([]);
  return result;
}

const settings = () => ({ bridgeUrl: `http://127.0.0.1:${stub.port}`, sharedSecret: SECRET });
const adminPage = { HTTP_HOST: 'billing.example.com', HTTPS: 'on', SCRIPT_NAME: '/staff/addonmodules.php' };
// The stub bridge is plain http, which only a plain-http WHMCS page may embed.
const plainAdminPage = { HTTP_HOST: 'billing.example.com:8080', SCRIPT_NAME: '/staff/addonmodules.php' };

async function activate(): Promise<void> {
  clean(await runWhmcs({ database: db.url, call: 'addon', function: 'activate' }));
}

beforeAll(async () => {
  await stub.start();
});

afterAll(async () => {
  await stub.stop();
});

beforeEach(async () => {
  stub.reset(SECRET);
  db = await createScratchDatabase({ label: 'addon' });
  conn = await mysql.createConnection({ uri: db.url, charset: 'utf8mb4_unicode_ci' });
});

afterEach(async () => {
  await conn.end();
  await db.drop();
});

describe('Addon Modules', () => {
  it('offers the bridge URL, a masked shared secret and the optional browser address', async () => {
    const config = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'config' }));
    expect(config.return).toMatchObject({ name: 'certbridge SSL Certificates', version: '1.0.0', author: 'certbridge' });
    expect(config.return.description).toBeTruthy();
    expect(config.return.fields.bridgeUrl).toMatchObject({ FriendlyName: 'Bridge URL', Type: 'text' });
    expect(config.return.fields.sharedSecret).toMatchObject({ FriendlyName: 'Shared secret', Type: 'password' });
    expect(config.return.fields.browserUrl).toMatchObject({ Type: 'text' });
  });

  it('activates and deactivates without touching any data', async () => {
    await sql("INSERT INTO mod_certbridge_settings (name, value) VALUES ('keep', 'me')").catch(async () => {
      // The fixture holds WHMCS tables only; stand in for the server's own table.
      await sql('CREATE TABLE mod_certbridge_settings (name VARCHAR(64) PRIMARY KEY, value TEXT)');
      await sql("INSERT INTO mod_certbridge_settings (name, value) VALUES ('keep', 'me')");
    });
    const on = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'activate', settings: settings() }));
    expect(on.return).toMatchObject({ status: 'success' });
    expect(on.whmcs.active).toBe(true);
    expect(on.whmcs.settings).toMatchObject({ version: '1.0.0', bridgeUrl: settings().bridgeUrl });

    const off = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'deactivate' }));
    expect(off.return.status).toBe('success');
    expect(off.return.description).toMatch(/Nothing was deleted/);
    expect(off.whmcs.active).toBe(false);
    expect(await sql("SELECT value FROM mod_certbridge_settings WHERE name = 'keep'")).toEqual([{ value: 'me' }]);
    expect(stub.requests).toEqual([]);
  });
});

describe('the addon page', () => {
  it('asks for a sign-in token for the current admin and embeds the app with it in the fragment', async () => {
    await activate();
    stub.on('AdminSession', { json: { result: { token: TOKEN, expiresAt: '2026-11-22T10:00:00Z' }, mask: [TOKEN] } });
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, settings: settings(), server: plainAdminPage }));

    const req = stub.last('AdminSession');
    expect(req.body.context).toMatchObject({ adminId: 1 });
    expect(req.body.params).not.toHaveProperty('serveraccesshash');
    expect(req.body.params.adminBaseUrl).toBe('http://billing.example.com:8080/staff/');
    const src = /<iframe[^>]* src="([^"]+)"/.exec(page.output)?.[1]?.replaceAll('&amp;', '&');
    expect(src).toBe(`http://127.0.0.1:${stub.port}/admin/#token=${encodeURIComponent(TOKEN)}`
      + `&origin=${encodeURIComponent('http://billing.example.com:8080')}&admin=${encodeURIComponent('http://billing.example.com:8080/staff/')}`);
    // Messages are accepted from the app's origin only.
    expect(page.output).toContain(`var origin="http://127.0.0.1:${stub.port}"`);
    // The token never reaches the module log.
    const log = await sql<{ t: string }>('SELECT CONCAT(request, response, arrdata) AS t FROM tblmodulelog');
    expect(log.length).toBeGreaterThan(0);
    expect(log.map((r) => r.t).join('\n')).not.toContain(TOKEN);
  });

  it('uses the admin app URL for the browser when one is set, and the System URL without a request host', async () => {
    await activate();
    stub.on('AdminSession', { json: { result: { token: TOKEN, expiresAt: '2026-11-22T10:00:00Z' } } });
    const page = clean(await runWhmcs({
      database: db.url, call: 'addon', function: 'output', adminId: 1,
      settings: { ...settings(), browserUrl: 'https://certs.example.com/' },
    }));
    expect(page.output).toContain(`src="https://certs.example.com/admin/#token=${TOKEN}&amp;origin=https%3A%2F%2Fbilling.example.com&amp;admin=https%3A%2F%2Fbilling.example.com%2Fadmin%2F"`);
    expect(stub.names()).toEqual(['AdminSession']);
  });

  it('says how to connect when the settings are missing, without calling the server', async () => {
    await activate();
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, server: adminPage }));
    expect(page.output).toContain('certbridge is not connected yet');
    expect(page.output).not.toContain('<iframe');
    expect(stub.requests).toEqual([]);
  });

  it('refuses to embed a plain-http app in an https WHMCS page, since the browser would block it', async () => {
    await activate();
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, settings: { ...settings(), bridgeUrl: 'http://10.0.0.5:8420' }, server: adminPage }));
    expect(page.output).toContain('uses plain http');
    expect(page.output).toContain('<code>http://10.0.0.5:8420</code>');
    expect(stub.requests).toEqual([]);
  });

  it('shows the server\'s refusal as escaped text', async () => {
    await activate();
    stub.on('AdminSession', { status: 403, json: { error: { code: 'unauthorized', message: 'Admin <b>#1</b> is disabled' } } });
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, settings: settings() }));
    expect(page.output).toContain('certbridge could not open the admin app: Admin &lt;b&gt;#1&lt;/b&gt; is disabled');
    expect(page.output).not.toContain('<b>');
  });

  it('reports an unreachable server in one line', async () => {
    await activate();
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, settings: { ...settings(), bridgeUrl: 'http://127.0.0.1:9' }, httpTimeout: 2 }));
    expect(page.output).toMatch(/certbridge server at http:\/\/127\.0\.0\.1:9 could not be reached \(.+\); nothing was changed/);
  });

  it('is not served while the addon is inactive', async () => {
    const page = clean(await runWhmcs({ database: db.url, call: 'addon', function: 'output', adminId: 1, settings: settings() }));
    expect(page.whmcs.denied).toBe('addon not active');
  });
});

describe('the cron hook', () => {
  it('delivers the outbox through localAPI, logs failed effects and acknowledges every item', async () => {
    clean(await runWhmcs({ database: db.url, call: 'addon', function: 'activate', settings: settings() }));
    stub.on('OutboxPull', (req) => req.body.params.limit === 100 && stub.names().filter((n) => n === 'OutboxPull').length === 1
      ? { json: { result: { items: [
          { id: 7, effects: [{ type: 'sendEmail', messagename: 'SSL Certificate Configuration Required', id: 1 }] },
          { id: 9, effects: [{ type: 'sendEmail', messagename: 'No Such Template', id: 1 }, { type: 'logActivity', description: 'certbridge: issued', userId: 1 }] },
        ] } } }
      : { json: { result: { items: [] } } });
    stub.on('OutboxAck', { json: { result: { acknowledged: 2 } } });

    const run = clean(await runWhmcs({ database: db.url, call: 'hook', hookPoint: 'AfterCronJob' }));
    expect(run.hooks.registered.AfterCronJob).toBe(1);
    expect(run.hooks.fired[0].results[0]).toEqual({ pulled: 2, acknowledged: 2, failedEffects: 1, error: null });
    expect(stub.last('OutboxAck').body.params).toMatchObject({ ids: [7, 9] });
    expect(run.localApi.map((c) => [c.command, c.result.result])).toEqual([['SendEmail', 'success'], ['SendEmail', 'error']]);
    expect(run.activity.map((a) => a.description)).toEqual([
      'certbridge: issued',
      'certbridge: outbox item 9: sendEmail failed: Email Template not found',
    ]);
  });

  it('logs an unreachable server once and leaves the outbox to the next run', async () => {
    clean(await runWhmcs({ database: db.url, call: 'addon', function: 'activate', settings: { ...settings(), bridgeUrl: 'http://127.0.0.1:9' } }));
    const run = clean(await runWhmcs({ database: db.url, call: 'hook', hookPoint: 'AfterCronJob', httpTimeout: 2 }));
    expect(run.hooks.fired[0].results[0]).toMatchObject({ pulled: 0, acknowledged: 0 });
    expect(run.activity).toHaveLength(1);
    expect(run.activity[0].description).toMatch(/^certbridge: outbox delivery stopped: certbridge server at http:\/\/127\.0\.0\.1:9 could not be reached/);
  });

  it('does nothing until the addon is configured, and is not loaded while it is inactive', async () => {
    clean(await runWhmcs({ database: db.url, call: 'addon', function: 'activate' }));
    const unconfigured = clean(await runWhmcs({ database: db.url, call: 'hook', hookPoint: 'AfterCronJob' }));
    expect(unconfigured.hooks.fired[0].results[0]).toHaveProperty('skipped');
    clean(await runWhmcs({ database: db.url, call: 'addon', function: 'deactivate' }));
    const inactive = clean(await runWhmcs({ database: db.url, call: 'hook', hookPoint: 'AfterCronJob' }));
    expect(inactive.hooks.registered.AfterCronJob).toBeUndefined();
    expect(stub.requests).toEqual([]);
  });
});
