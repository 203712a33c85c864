/**
 * The staff side of a certificate on WHMCS's service page, through the real PHP shim:
 * Resend Configuration Email, Cancel Order and the certbridge rows in the service tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startTestServer, type TestServer } from '../support/server';
import { runWhmcs, md5Hex, type EmulatorResult } from '../support/whmcs';
import { OpensslDir } from '../support/openssl';

let srv: TestServer;
let conn: mysql.Connection;
let db: string;

function clean<T>(r: EmulatorResult<T>): EmulatorResult<T> {
  expect(r.warnings, 'PHP warnings').toEqual([]);
  expect(r.error, 'PHP error').toBeNull();
  return r;
}

beforeAll(async () => {
  srv = await startTestServer({ label: 'buttons' });
  db = srv.database.url;
  conn = await mysql.createConnection(db);
  await conn.query('UPDATE tblservers SET hostname = ?, accesshash = ? WHERE id = 1', [`127.0.0.1:${srv.port}`, srv.secret]);
  clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 1 }));
  clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 2 }));
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('admin buttons on the WHMCS service page', () => {
  it('offers the three buttons', async () => {
    const r = clean(await runWhmcs<Record<string, string>>({ database: db, call: 'static', function: 'AdminCustomButtonArray' }));
    expect(r.return).toEqual({ 'Resend Configuration Email': 'ResendConfigurationEmail', 'Sync Status': 'SyncStatus', 'Cancel Order': 'CancelOrder' });
  });

  it('Resend Configuration Email sends the same configure link again while it is awaited', async () => {
    const r = clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'ResendConfigurationEmail', serviceId: 1, adminId: 1 }));
    expect(r.return).toBe('success');
    const [[ssl]] = (await conn.query('SELECT id FROM tblsslorders WHERE serviceid = 1')) as any;
    const mail = r.localApi.find((c) => c.command === 'SendEmail');
    expect(mail?.customvars).toEqual({ ssl_configuration_link: `https://billing.example.com/configuressl.php?cert=${md5Hex(String(ssl.id))}` });
  });

  it('the service tab shows state, supplier order and the history with who did what', async () => {
    const r = clean(await runWhmcs<Record<string, string>>({ database: db, call: 'module', function: 'AdminServicesTabFields', serviceId: 1, adminId: 1 }));
    expect(r.return['Certificate state']).toBe('Awaiting configuration');
    expect(r.return['Supplier order']).toBe('sandbox (not submitted)');
    expect(r.return.History).toMatch(/admin:1: Configuration e-mail sent again/);
  });

  it('Cancel Order stops an order before issue; a second cancel says why it cannot', async () => {
    const r = clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'CancelOrder', serviceId: 2, adminId: 1 }));
    expect(r.return).toBe('success');
    const [[row]] = (await conn.query('SELECT status FROM tblsslorders WHERE serviceid = 2')) as any;
    expect(row.status).toBe('Cancelled');
    const again = clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'CancelOrder', serviceId: 2, adminId: 1 }));
    expect(again.return).toMatch(/cancelled; it was left as it is/i);
  });

  it('Resend Configuration Email after configuration sends nothing and says why', async () => {
    const cert = md5Hex(String(((await conn.query('SELECT id FROM tblsslorders WHERE serviceid = 1')) as any)[0][0].id));
    const csr = new OpensslDir().csr('shop.mueller-soehne.example').csr;
    const contact = { servertype: '1002', firstname: 'Jürgen', lastname: 'Müller', email: 'j@mueller-soehne.example', address1: 'Königstraße 12', city: 'Stuttgart', state: 'BW', postcode: '70173', country: 'DE', phonenumber: '+49.711' };
    clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 2, post: { ...contact, csr } }));
    clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 3, post: { approveremail: 'admin@shop.mueller-soehne.example', approval_method: 'email' } }));
    const r = clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'ResendConfigurationEmail', serviceId: 1, adminId: 1 }));
    expect(r.return).toMatch(/already configured .*no e-mail was sent/);
    expect(r.localApi.filter((c) => c.command === 'SendEmail')).toEqual([]);
  });
});
