import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { OpensslDir } from '../support/openssl';

let srv: TestServer;
let conn: mysql.Connection;

beforeAll(async () => {
  srv = await startTestServer({ label: 'outbox' });
  conn = await mysql.createConnection(srv.database.url);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('outbox for work that finishes outside a WHMCS page load', () => {
  it('a certificate issued by the background sync is e-mailed once the addon pulls and acknowledges it', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2 });
    await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, csr: new OpensslDir().csr('obrien.example').csr, fields: {} });
    await callHook(srv, 'SSLStepThree', { serviceid: 2, userid: 2, approveremail: 'admin@obrien.example', configdata: { approvalmethod: 'email' } });
    await srv.running.app.runner.runDue(); // submits; the first sync is scheduled 10 s later
    await conn.query("UPDATE mod_certbridge_jobs SET run_after = NOW(3) WHERE kind = 'sync_order' AND state = 'queued'");
    await srv.running.app.runner.runDue(); // the background sync issues
    const [[order]] = (await conn.query('SELECT state FROM mod_certbridge_orders WHERE service_id = 2')) as any;
    expect(order.state).toBe('issued');

    const pulled = await callHook(srv, 'OutboxPull', {});
    expect(pulled.status).toBe(200);
    expect(pulled.body.result.items).toHaveLength(1);
    expect(pulled.body.result.items[0].effects).toEqual([{ type: 'sendEmail', messagename: 'SSL Certificate Issued', id: 2 }]);

    // Pulled but not yet acknowledged: not handed to a second cron run at the same time.
    expect((await callHook(srv, 'OutboxPull', {})).body.result.items).toEqual([]);

    const ack = await callHook(srv, 'OutboxAck', { ids: [pulled.body.result.items[0].id] });
    expect(ack.body.result.acknowledged).toBe(1);
    await conn.query('UPDATE mod_certbridge_outbox SET leased_until = NOW() - INTERVAL 1 MINUTE');
    expect((await callHook(srv, 'OutboxPull', {})).body.result.items).toEqual([]);
  });

  it('offers an item again when its pull was never acknowledged', async () => {
    await conn.query("INSERT INTO mod_certbridge_outbox (kind, payload) VALUES ('certificate_issued', '{\"serviceId\":1,\"orderId\":99}')");
    const first = await callHook(srv, 'OutboxPull', {});
    expect(first.body.result.items).toHaveLength(1);
    await conn.query('UPDATE mod_certbridge_outbox SET leased_until = NOW() - INTERVAL 1 MINUTE WHERE delivered_at IS NULL');
    const again = await callHook(srv, 'OutboxPull', {});
    expect(again.body.result.items.map((i: any) => i.id)).toEqual(first.body.result.items.map((i: any) => i.id));
  });

  it('an issue e-mail sent directly by Sync Status is not sent again by the cron hook', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 3, userid: 3 });
    await callHook(srv, 'SSLStepTwo', { serviceid: 3, userid: 3, csr: 'x', fields: { generatecsr: 'on' } });
    await callHook(srv, 'SSLStepThree', { serviceid: 3, userid: 3, approveremail: '', configdata: { approvalmethod: 'dns-txt-token' } });
    await srv.running.app.runner.runDue();
    await conn.query('UPDATE mod_certbridge_outbox SET delivered_at = NOW() WHERE delivered_at IS NULL'); // earlier cases' items
    const sync = await callHook(srv, 'SyncStatus', { serviceid: 3, userid: 3 }, { adminId: 1 });
    expect(sync.body.effects[0]).toEqual({ type: 'sendEmail', messagename: 'SSL Certificate Issued', id: 3 });
    expect((await callHook(srv, 'OutboxPull', {})).body.result.items).toEqual([]);
  });

  it('names a malformed acknowledgement', async () => {
    const res = await callHook(srv, 'OutboxAck', { ids: 'all' });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('params.ids');
  });
});
