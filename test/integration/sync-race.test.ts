import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { OpensslDir } from '../support/openssl';

let srv: TestServer;
let conn: mysql.Connection;

beforeAll(async () => {
  srv = await startTestServer({ label: 'race' });
  conn = await mysql.createConnection(srv.database.url);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('concurrent syncs of one order', () => {
  it('issue the certificate once and queue one e-mail', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2 });
    await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, csr: new OpensslDir().csr('obrien.example').csr, fields: {} });
    await callHook(srv, 'SSLStepThree', { serviceid: 2, userid: 2, approveremail: 'admin@obrien.example', configdata: { approvalmethod: 'email' } });
    await srv.running.app.runner.runDue();
    const [[order]] = (await conn.query('SELECT id FROM mod_certbridge_orders WHERE service_id = 2')) as any;
    const f = srv.running.app.deps.fulfilment;
    const results = await Promise.all([f.sync(order.id, 'system'), f.sync(order.id, 'admin:1'), f.sync(order.id, 'system')]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const [events] = (await conn.query("SELECT id FROM mod_certbridge_order_events WHERE order_id = ? AND to_state = 'issued'", [order.id])) as any;
    expect(events).toHaveLength(1);
    const [outbox] = (await conn.query("SELECT id FROM mod_certbridge_outbox WHERE kind = 'certificate_issued'")) as any;
    expect(outbox).toHaveLength(1);
  });
});
