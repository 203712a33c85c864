import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { loginToken, signIn } from '../support/admin';
import { buildApp } from '../../server/app';

let srv: TestServer;
let conn: mysql.Connection;

async function counts() {
  const [[t]] = (await conn.query('SELECT COUNT(*) AS n, SUM(used_at IS NOT NULL) AS used FROM mod_certbridge_admin_tokens')) as any;
  const [[s]] = (await conn.query('SELECT COUNT(*) AS n FROM mod_certbridge_admin_sessions')) as any;
  return { tokens: Number(t.n), used: Number(t.used ?? 0), sessions: Number(s.n) };
}

const http = () => srv.running.app.http;
const exchange = (token: unknown) => request(http()).post('/admin/api/session').send({ token });
const withBearer = (path: string, value: string) => request(http()).get(path).set('authorization', value);

beforeAll(async () => {
  srv = await startTestServer({ label: 'admin_auth' });
  conn = await mysql.createConnection(srv.database.url);
  // A second admin who will be disabled.
  await conn.query(`INSERT INTO tbladmins (id, uuid, roleid, username, password, passwordhash, authmodule, authdata, firstname, lastname, email, signature, notes, template, language, disabled, loginattempts, supportdepts, ticketnotifications, homewidgets, password_reset_data, hidden_widgets, widget_order)
    SELECT 2, 'b2', roleid, 'bob', password, passwordhash, authmodule, authdata, 'Bob', 'B', 'bob@example.com', signature, notes, template, language, 0, 0, supportdepts, ticketnotifications, homewidgets, password_reset_data, hidden_widgets, widget_order FROM tbladmins WHERE id = 1`);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('AdminSession hook', () => {
  it('issues a 60-second single-use token for the admin in context, masked in the module log', async () => {
    const before = Date.now();
    const res = await callHook(srv, 'AdminSession', {}, { adminId: 1 });
    expect(res.status).toBe(200);
    const { token, expiresAt } = res.body.result;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.mask).toEqual([token]);
    const ttl = Date.parse(expiresAt) - before;
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThan(65_000);
    // Only the hash is stored.
    const [rows] = (await conn.query('SELECT token_hash, admin_id FROM mod_certbridge_admin_tokens')) as any;
    expect(rows.some((r: any) => r.token_hash === token)).toBe(false);
    expect(rows.every((r: any) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('needs context.adminId naming an existing admin', async () => {
    const none = await callHook(srv, 'AdminSession', {}, {});
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe('context.adminId');
    const ghost = await callHook(srv, 'AdminSession', {}, { adminId: 99 });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.message).toMatch(/no admin #99/);
  });

  it('is refused unsigned, writing nothing', async () => {
    const before = await counts();
    const res = await request(http()).post('/whmcs/v1/hooks/AdminSession').set('content-type', 'application/json').send('{"params":{},"context":{"adminId":1}}');
    expect(res.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});

describe('login token → session', () => {
  it('exchanges a fresh token once for an 8-hour session that opens the API', async () => {
    const token = await loginToken(srv);
    const before = Date.now();
    const res = await exchange(token);
    expect(res.status).toBe(200);
    expect(res.body.adminId).toBe(1);
    expect(res.body.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(res.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(8 * 3600_000 - 10_000);
    expect(ttl).toBeLessThan(8 * 3600_000 + 10_000);
    const api = await withBearer('/admin/api/currencies', `Bearer ${res.body.sessionToken}`);
    expect(api.status).toBe(200);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.body.map((c: any) => c.code)).toEqual(['USD', 'EUR', 'GBP']);
    expect(api.body[1]).toEqual({ id: 2, code: 'EUR', prefix: '€', suffix: ' EUR', rate: '0.92000', isDefault: false });
    const who = await withBearer('/admin/api/session', `Bearer ${res.body.sessionToken}`);
    expect(who.body.adminId).toBe(1);
  });

  it('refuses a reused token with 401 and writes nothing', async () => {
    const token = await loginToken(srv);
    expect((await exchange(token)).status).toBe(200);
    const before = await counts();
    const again = await exchange(token);
    expect(again.status).toBe(401);
    expect(again.body).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/already used/) } });
    expect(await counts()).toEqual(before);
  });

  it('refuses forged and malformed tokens with 401 and writes nothing', async () => {
    const before = await counts();
    for (const token of ['A'.repeat(43), 'not-a-token', '', 42, null]) {
      const res = await exchange(token);
      expect(res.status, String(token)).toBe(token === 42 || token === null ? 422 : 401);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses an expired token with 401 and writes nothing', async () => {
    const token = await loginToken(srv);
    await conn.query('UPDATE mod_certbridge_admin_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE used_at IS NULL');
    const before = await counts();
    expect((await exchange(token)).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('of two racing exchanges of one token, exactly one wins', async () => {
    const token = await loginToken(srv);
    const results = await Promise.all([exchange(token), exchange(token), exchange(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });
});

describe('bearer sessions', () => {
  it('answer 401 to a missing, malformed, unknown or expired bearer, writing nothing', async () => {
    const session = await signIn(srv);
    const before = await counts();
    expect((await request(http()).get('/admin/api/currencies')).status).toBe(401);
    expect((await withBearer('/admin/api/currencies', session)).status).toBe(401); // no "Bearer "
    expect((await withBearer('/admin/api/currencies', `Basic ${session}`)).status).toBe(401);
    expect((await withBearer('/admin/api/currencies', `Bearer ${'B'.repeat(43)}`)).status).toBe(401);
    const post = await request(http()).post('/admin/api/import/apply').send({ products: [], rules: {}, group: {} });
    expect(post.status).toBe(401); // auth comes before validation
    expect(post.body.error.code).toBe('unauthorized');
    expect(await counts()).toEqual(before);

    await conn.query('UPDATE mod_certbridge_admin_sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND');
    expect((await withBearer('/admin/api/currencies', `Bearer ${session}`)).status).toBe(401);
  });

  it('works on any instance sharing the database', async () => {
    const session = await signIn(srv);
    const other = buildApp(srv.config);
    try {
      const res = await request(other.http).get('/admin/api/product-groups').set('authorization', `Bearer ${session}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ id: 1, name: 'SSL Certificates', productCount: 3 }]);
    } finally {
      await other.close();
    }
  });

  it('ends on sign-out, and when the WHMCS admin is disabled', async () => {
    const session = await signIn(srv);
    expect((await request(http()).delete('/admin/api/session').set('authorization', `Bearer ${session}`)).status).toBe(204);
    expect((await withBearer('/admin/api/currencies', `Bearer ${session}`)).status).toBe(401);

    const bob = await signIn(srv, 2);
    expect((await withBearer('/admin/api/currencies', `Bearer ${bob}`)).status).toBe(200);
    await conn.query('UPDATE tbladmins SET disabled = 1 WHERE id = 2');
    expect((await withBearer('/admin/api/currencies', `Bearer ${bob}`)).status).toBe(401);
    const hook = await callHook(srv, 'AdminSession', {}, { adminId: 2 });
    expect(hook.status).toBe(401);
  });

  it('answers unknown API routes with a JSON 404, not the app', async () => {
    const session = await signIn(srv);
    const res = await withBearer('/admin/api/nope', `Bearer ${session}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no admin API route GET \/admin\/api\/nope/);
  });
});
