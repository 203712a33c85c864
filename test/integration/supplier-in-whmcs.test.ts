/**
 * A real supplier adapter (HEXONET, against its protocol-faithful fake) behind the WHMCS
 * hooks: the whole order goes through, supplier calls land in WHMCS's module log with the
 * credentials masked, and supplier refusals reach WHMCS as readable messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { OpensslDir } from '../support/openssl';
import { startFakeHexonet, type FakeHexonet } from '../fakes/hexonet/server';
import { definition as hexonet } from '../../server/suppliers/hexonet';

let srv: TestServer;
let fake: FakeHexonet;
let conn: mysql.Connection;

beforeAll(async () => {
  srv = await startTestServer({ label: 'hexwh' });
  fake = await startFakeHexonet();
  conn = await mysql.createConnection(srv.database.url);
  await srv.running.app.supplierSettings.save(hexonet, { mode: 'test', credentials: fake.credentials, baseUrl: fake.url });
  await srv.running.app.deps.suppliers.refresh();
  await conn.query("UPDATE tblproducts SET configoption1 = 'hexonet', configoption2 = 'COMODO_POSITIVESSL' WHERE id = 1");
});
afterAll(async () => {
  await conn?.end();
  await fake?.close();
  await srv?.stop();
});

describe('a HEXONET certificate ordered through WHMCS', () => {
  it('lists HEXONET beside the sandbox in the Module Settings loaders', async () => {
    const suppliers = await callHook(srv, 'ListSuppliers', {});
    expect(suppliers.body.result.options).toEqual({ sandbox: 'Sandbox CA', hexonet: 'HEXONET' });
    const products = await callHook(srv, 'ListProducts', {});
    expect(products.body.result.options['hexonet:COMODO_POSITIVESSL']).toMatch(/^HEXONET — /);
  });

  it('orders, validates and issues, with every supplier call in the module log and the password masked', async () => {
    expect((await callHook(srv, 'CreateAccount', { serviceid: 1, userid: 1 })).body.result).toBe('success');
    const csr = new OpensslDir().csr('shop.mueller-soehne.example').csr;
    const two = await callHook(srv, 'SSLStepTwo', { serviceid: 1, userid: 1, csr, fields: {} });
    expect(two.status, JSON.stringify(two.body)).toBe(200);
    expect(two.body.result.approveremails.length).toBeGreaterThan(0);
    const approver = two.body.result.approveremails[0];
    expect((await callHook(srv, 'SSLStepThree', { serviceid: 1, userid: 1, approveremail: approver, configdata: { approvalmethod: 'email' } })).status).toBe(200);
    await srv.running.app.runner.runDue();
    const [[order]] = (await conn.query('SELECT state, supplier_order_id FROM mod_certbridge_orders WHERE service_id = 1')) as any;
    expect(order.state).toBe('pending_validation');
    fake.issue(order.supplier_order_id);
    const sync = await callHook(srv, 'SyncStatus', { serviceid: 1, userid: 1 }, { adminId: 1 });
    expect(sync.body.result).toBe('success');
    const [[after]] = (await conn.query('SELECT status, remoteid FROM tblsslorders WHERE serviceid = 1')) as any;
    expect(after).toEqual({ status: 'Completed', remoteid: order.supplier_order_id });

    await srv.running.app.moduleLog.flush();
    const [rows] = (await conn.query("SELECT action, request, response FROM tblmodulelog WHERE module = 'certbridge-hexonet'")) as any;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const all = JSON.stringify(rows);
    expect(all).not.toContain(fake.credentials.password);
    expect(all).toContain('*'.repeat(fake.credentials.password.length));
  });

  it('writes no supplier log while WHMCS module debug logging is off', async () => {
    await conn.query("UPDATE tblconfiguration SET value = '' WHERE setting = 'ModuleDebugMode'");
    (srv.running.app.moduleLog as unknown as { debugOn: unknown }).debugOn = undefined; // forget the 30 s cache
    const [[before]] = (await conn.query("SELECT COUNT(*) AS n FROM tblmodulelog WHERE module = 'certbridge-hexonet'")) as any;
    await callHook(srv, 'SyncStatus', { serviceid: 1, userid: 1 }, { adminId: 1 });
    await callHook(srv, 'TestConnection', {});
    await srv.running.app.moduleLog.flush();
    const [[after]] = (await conn.query("SELECT COUNT(*) AS n FROM tblmodulelog WHERE module = 'certbridge-hexonet'")) as any;
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('tells WHMCS what the supplier refused, in words', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2 });
    await conn.query("UPDATE tblproducts SET configoption2 = 'COMODO_POSITIVESSL' WHERE id = 1");
    fake.setFault({ kind: 'ip' });
    try {
      const csr = new OpensslDir().csr('obrien.example').csr;
      const two = await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, csr, fields: {} });
      expect(two.status).toBe(502);
      expect(two.body.error.message).toMatch(/HEXONET/);
      expect(two.body.error.message).toMatch(/IP/);
      const test = await callHook(srv, 'TestConnection', {});
      expect(test.body.result.success).toBe(false);
      expect(test.body.result.error).toMatch(/HEXONET: .*IP/);
    } finally {
      fake.setFault(null);
    }
  });
});
