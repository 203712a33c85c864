import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { signedHeaders } from '../../server/http/hook-signature';

let srv: TestServer;
let conn: mysql.Connection;

const path = '/whmcs/v1/hooks/CreateAccount';
const body = JSON.stringify({ params: { serviceid: 1, userid: 1, pid: 1 }, context: {} });

async function counts() {
  const [[orders]] = (await conn.query('SELECT COUNT(*) AS n FROM tblsslorders')) as any;
  const [[nonces]] = (await conn.query('SELECT COUNT(*) AS n FROM mod_certbridge_nonces')) as any;
  const [[ours]] = (await conn.query('SELECT COUNT(*) AS n FROM mod_certbridge_orders')) as any;
  return { orders: Number(orders.n), nonces: Number(nonces.n), ours: Number(ours.n) };
}

beforeAll(async () => {
  srv = await startTestServer({ label: 'auth' });
  conn = await mysql.createConnection(srv.database.url);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('signed hook endpoint', () => {
  it('refuses an unsigned request and writes nothing', async () => {
    const before = await counts();
    const res = await request(srv.running.app.http).post(path).set('content-type', 'application/json').send(body);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/not signed/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a forged signature with a hint about the access hash', async () => {
    const before = await counts();
    const res = await request(srv.running.app.http).post(path).set(signedHeaders('wrong-secret-wrong-secret-wrong', path, body)).send(body);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/access hash .* CERTBRIDGE_HOOK_SECRET/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a body altered after signing', async () => {
    const headers = signedHeaders(srv.secret, path, body);
    const res = await request(srv.running.app.http).post(path).set(headers).send(body.replace('"serviceid":1', '"serviceid":2'));
    expect(res.status).toBe(401);
  });

  it('refuses a request signed more than 5 minutes ago', async () => {
    const before = await counts();
    const res = await request(srv.running.app.http).post(path).set(signedHeaders(srv.secret, path, body, Date.now() - 6 * 60_000)).send(body);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/timestamp is \d+ s away/);
    expect(await counts()).toEqual(before);
  });

  it('accepts a request once and refuses its replay', async () => {
    const headers = signedHeaders(srv.secret, '/whmcs/v1/hooks/TestConnection', '{"params":{},"context":{}}');
    const first = await request(srv.running.app.http).post('/whmcs/v1/hooks/TestConnection').set(headers).send('{"params":{},"context":{}}');
    expect(first.status).toBe(200);
    expect(first.body.result).toEqual({ success: true });
    const before = await counts();
    const replay = await request(srv.running.app.http).post('/whmcs/v1/hooks/TestConnection').set(headers).send('{"params":{},"context":{}}');
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/replayed/);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown hook name before anything else', async () => {
    const before = await counts();
    const res = await request(srv.running.app.http).post('/whmcs/v1/hooks/DropTables').set(signedHeaders(srv.secret, '/whmcs/v1/hooks/DropTables', body)).send(body);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/Unknown hook "DropTables".*CreateAccount/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a body over 1 MB unread', async () => {
    const big = JSON.stringify({ params: { pad: 'x'.repeat(1_100_000) }, context: {} });
    const before = await counts();
    const res = await request(srv.running.app.http).post(path).set(signedHeaders(srv.secret, path, big)).send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than 1 MB/);
    expect(await counts()).toEqual(before);
  });

  it('names the bad parameter and writes nothing', async () => {
    const bad = JSON.stringify({ params: { serviceid: 'abc', userid: 1 }, context: {} });
    const before = await counts();
    const res = await request(srv.running.app.http).post(path).set(signedHeaders(srv.secret, path, bad)).send(bad);
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('params.serviceid');
    expect(res.body.error.message).toMatch(/params\.serviceid must be a number/);
    const after = await counts();
    expect({ orders: after.orders, ours: after.ours }).toEqual({ orders: before.orders, ours: before.ours });
  });

  it('answers 404 naming a service id that does not exist', async () => {
    const missing = JSON.stringify({ params: { serviceid: 999, userid: 1 }, context: {} });
    const res = await request(srv.running.app.http).post(path).set(signedHeaders(srv.secret, path, missing)).send(missing);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Service #999 does not exist in WHMCS');
  });

  it('reports readiness once migrations are applied', async () => {
    const res = await request(srv.running.app.http).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });
});
