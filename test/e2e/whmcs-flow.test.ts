/**
 * The whole client journey through the real PHP shim, the real server and real MariaDB:
 * WHMCS calls the module exactly as it would (emulated runtime, real shim files), and every
 * certificate that comes out is checked with openssl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { execFileSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../support/server';
import { runWhmcs, md5Hex, headerValue, type EmulatorResult } from '../support/whmcs';
import { OpensslDir } from '../support/openssl';

let srv: TestServer;
let conn: mysql.Connection;
let db: string;
const ssl = new OpensslDir();

const contact = { servertype: '1002', firstname: 'Jürgen', lastname: 'Müller', orgname: 'Müller & Söhne GmbH', jobtitle: 'CTO', email: 'juergen@mueller-soehne.example', address1: 'Königstraße 12', city: 'Stuttgart', state: 'Baden-Württemberg', postcode: '70173', country: 'DE', phonenumber: '+49.7111234567' };

function clean(r: EmulatorResult) {
  expect(r.warnings, 'PHP warnings').toEqual([]);
  expect(r.error, 'PHP error').toBeNull();
  return r;
}

async function sslOrders(serviceId: number): Promise<any[]> {
  const [rows] = (await conn.query('SELECT * FROM tblsslorders WHERE serviceid = ?', [serviceId])) as any;
  return rows;
}

beforeAll(async () => {
  srv = await startTestServer({ label: 'e2e' });
  db = srv.database.url;
  conn = await mysql.createConnection(db);
  await conn.query('UPDATE tblservers SET hostname = ?, accesshash = ? WHERE id = 1', [`127.0.0.1:${srv.port}`, srv.secret]);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('WHMCS → shim → server → sandbox CA', () => {
  let cert = '';

  it('CreateAccount makes one Awaiting Configuration order and e-mails the configure link', async () => {
    const r = clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 1 }));
    expect(r.return).toBe('success');
    const rows = await sslOrders(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'Awaiting Configuration', module: 'certbridge', userid: 1, addon_id: 0 });
    cert = md5Hex(String(rows[0].id));
    const mail = r.localApi.find((c) => c.command === 'SendEmail');
    expect(mail?.values.messagename).toBe('SSL Certificate Configuration Required');
    expect(mail?.values.id).toBe(1);
    expect(mail?.result.result).toBe('success');
    expect(mail?.customvars).toEqual({ ssl_configuration_link: `https://billing.example.com/configuressl.php?cert=${cert}` });
    expect(r.whmcs.service?.domainstatus).toBe('Active');
  });

  it('CreateAccount again creates nothing and says why', async () => {
    const r = clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 1 }));
    expect(r.return).toMatch(/An SSL order already exists for service #1/);
    expect(await sslOrders(1)).toHaveLength(1);
    expect(r.localApi).toEqual([]);
  });

  it('the client area shows the Configure SSL Certificate link while awaiting configuration', async () => {
    const r = clean(await runWhmcs<any>({ database: db, call: 'module', function: 'ClientArea', serviceId: 1 }));
    expect(r.return.tabOverviewModuleOutputTemplate).toBe('templates/overview');
    expect(r.return.templateVariables).toMatchObject({ state: 'awaiting_configuration', configureUrl: `https://billing.example.com/configuressl.php?cert=${cert}` });
  });

  it('step one offers "Generate the CSR for me" and the page prefills a CSR for the ordered domain', async () => {
    const r = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1 }));
    expect(r.whmcs.page).toBe('stepone');
    expect(r.whmcs.showForm).toBe(true);
    expect(JSON.stringify(r.whmcs.additionalfields)).toContain('Generate the CSR for me');

    const other = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 2 }));
    expect(other.whmcs.page).toBe('invalid-link');

    // configuressl.php fires ClientAreaPageConfigureSSL; the shim's hook fills the CSR box.
    const csr = String(r.whmcs.templateVars?.csr ?? '');
    expect(csr).toMatch(/BEGIN CERTIFICATE REQUEST/);
    expect(ssl.run(['req', '-in', ssl.write('prefill.csr', csr), '-noout', '-subject'])).toMatch(/shop\.mueller-soehne\.example/);
  });

  it('step two refuses a malformed CSR and a CSR for another domain, saving no configuration', async () => {
    const bad = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 2, post: { ...contact, csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' } }));
    expect(bad.whmcs.page).toBe('stepone');
    expect(bad.whmcs.errors?.join(' ')).toMatch(/CSR/);
    const other = ssl.csr('www.elsewhere.example');
    const wrong = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 2, post: { ...contact, csr: other.csr } }));
    expect(wrong.whmcs.errors?.join(' ')).toMatch(/ordered for shop\.mueller-soehne\.example/);
    const [[order]] = (await conn.query('SELECT csr_pem FROM mod_certbridge_orders WHERE service_id = 1')) as any;
    expect(order.csr_pem).toBeNull();
  });

  it('step two with a pasted CSR returns approver e-mails and methods; step three submits', async () => {
    const own = ssl.csr('shop.mueller-soehne.example');
    const two = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 2, post: { ...contact, csr: own.csr } }));
    expect(two.whmcs.page).toBe('steptwo');
    expect(two.whmcs.approveremails).toEqual(['admin@shop.mueller-soehne.example', 'administrator@shop.mueller-soehne.example', 'hostmaster@shop.mueller-soehne.example', 'postmaster@shop.mueller-soehne.example', 'webmaster@shop.mueller-soehne.example']);
    expect(two.whmcs.approvalmethods).toEqual(['email', 'dns-txt-token', 'file']);

    const refused = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 3, post: { approveremail: 'boss@evil.example', approval_method: 'email' } }));
    expect(refused.whmcs.errors?.join(' ')).toMatch(/not an allowed approver/);

    const three = clean(await runWhmcs({ database: db, call: 'configuressl', cert, clientId: 1, step: 3, post: { approveremail: 'admin@shop.mueller-soehne.example', approval_method: 'email' } }));
    expect(three.whmcs.page).toBe('complete');
    expect(three.whmcs.errors).toEqual([]);
    expect(three.whmcs.order?.status).toBe('Configuration Submitted');

    (globalThis as any).ownKeyFile = own.keyFile;
  });

  it('the job places the order with the sandbox; Sync Status issues it and e-mails the client', async () => {
    await srv.running.app.runner.runDue();
    expect((await sslOrders(1))[0].remoteid).toMatch(/^SBX-\d+$/);
    const pending = clean(await runWhmcs<any>({ database: db, call: 'module', function: 'ClientArea', serviceId: 1 }));
    expect(pending.return.templateVariables.state).toBe('pending_validation');
    expect(pending.return.templateVariables.validation[0]).toMatchObject({ domain: 'shop.mueller-soehne.example', method: 'email', email: 'admin@shop.mueller-soehne.example' });

    const sync = clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'SyncStatus', serviceId: 1, adminId: 1 }));
    expect(sync.return).toBe('success');
    expect(sync.localApi.find((c) => c.command === 'SendEmail')?.values.messagename).toBe('SSL Certificate Issued');
    expect((await sslOrders(1))[0].status).toBe('Completed');
  });

  it('the client area shows issuer, expiry and downloads; the certificate verifies and matches the CSR key', async () => {
    const r = clean(await runWhmcs<any>({ database: db, call: 'module', function: 'ClientArea', serviceId: 1 }));
    const v = r.return.templateVariables;
    expect(v.state).toBe('issued');
    expect(v.issuer).toBe('certbridge Sandbox DV CA, certbridge sandbox');
    expect(new Date(v.validTo).getTime()).toBeGreaterThan(Date.now() + 150 * 86_400_000);
    expect(v.downloads.map((d: any) => d.format)).toEqual(['pem-leaf', 'pem-chain', 'pem-fullchain', 'pkcs7', 'bundle-nginx', 'bundle-apache', 'bundle-cpanel']);

    const dl = clean(await runWhmcs({ database: db, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: 'pem-fullchain' } }));
    expect(dl.whmcs.finished).toBe(true);
    expect(headerValue(dl, 'Content-Disposition')).toMatch(/attachment; filename="?shop\.mueller-soehne\.example\.fullchain\.pem/);
    const full = ssl.write('full.pem', Buffer.from(dl.bodyBase64!, 'base64'));
    const root = ssl.write('root.pem', (await srv.running.app.sandbox.caCertificates()).rootPem);
    expect(ssl.run(['verify', '-CAfile', root, '-untrusted', full, full])).toContain('OK');
    expect(ssl.publicKeyDigest('x509', full)).toBe(ssl.publicKeyDigest('pkey', (globalThis as any).ownKeyFile));

    const bundle = clean(await runWhmcs({ database: db, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: 'bundle-nginx' } }));
    expect(headerValue(bundle, 'Content-Type')).toBe('application/zip');
    const zip = ssl.write('nginx.zip', Buffer.from(bundle.bodyBase64!, 'base64'));
    const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    expect(listing).toContain('shop.mueller-soehne.example.fullchain.pem');
    expect(listing).not.toContain('.key'); // a pasted CSR: certbridge never had the key

    const stranger = clean(await runWhmcs({ database: db, call: 'clientcustom', serviceId: 1, clientId: 2, function: 'download', get: { format: 'pem-leaf' } }));
    expect(stranger.bodyBase64).toBeNull();
  });

  it('a generated CSR: key made for the client, certificate and key downloadable as PFX', async () => {
    clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 3 }));
    const cert3 = md5Hex(String((await sslOrders(3))[0].id));
    const two = clean(await runWhmcs({ database: db, call: 'configuressl', cert: cert3, clientId: 3, step: 2, post: { ...contact, csr: 'generate', fields: { generatecsr: 'on' } } }));
    expect(two.whmcs.page).toBe('steptwo');
    expect(two.whmcs.displaydata).toMatchObject({ 'CSR Domain': '*.zolw.example', Key: 'RSA 2048 (generated for you)' });
    const three = clean(await runWhmcs({ database: db, call: 'configuressl', cert: cert3, clientId: 3, step: 3, post: { approveremail: '', approval_method: 'dns-txt-token' } }));
    expect(three.whmcs.errors).toEqual([]);
    await srv.running.app.runner.runDue();
    expect(clean(await runWhmcs({ database: db, call: 'adminbutton', function: 'SyncStatus', serviceId: 3, adminId: 1 })).return).toBe('success');

    const pfx = clean(await runWhmcs({ database: db, call: 'clientcustom', serviceId: 3, clientId: 3, function: 'download', get: { format: 'pfx' }, post: { format: 'pfx', pfxpassword: 'Zółw-2026!' } }));
    expect(headerValue(pfx, 'Content-Type')).toBe('application/x-pkcs12');
    const file = ssl.write('zolw.pfx', Buffer.from(pfx.bodyBase64!, 'base64'));
    const out = ssl.run(['pkcs12', '-in', file, '-passin', 'pass:Zółw-2026!', '-nodes']);
    expect(out).toContain('PRIVATE KEY');
    expect(out).toMatch(/subject=.*CN\s*=\s*\*\.zolw\.example/);
  });

  it('TerminateAccount before issue cancels the order', async () => {
    clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 2 }));
    const r = clean(await runWhmcs({ database: db, call: 'module', function: 'TerminateAccount', serviceId: 2 }));
    expect(r.return).toBe('success');
    expect((await sslOrders(2))[0].status).toBe('Cancelled');
    expect(r.whmcs.service?.domainstatus).toBe('Terminated');
  });

  it('Test Connection checks the server and the sandbox; loaders list suppliers and products', async () => {
    expect(clean(await runWhmcs({ database: db, call: 'testconnection', serverId: 1 })).return).toEqual({ success: true });
    const products = clean(await runWhmcs<Record<string, string>>({ database: db, call: 'loader', function: 'LoadProducts', serverId: 1 }));
    expect(products.return['sandbox:sandbox-dv-wildcard']).toBe('Sandbox CA — Sandbox DV Wildcard');
    const suppliers = clean(await runWhmcs<Record<string, string>>({ database: db, call: 'loader', function: 'LoadSuppliers', serverId: 1 }));
    expect(suppliers.return).toEqual({ sandbox: 'Sandbox CA' });
  });

  it('never writes the shared secret into the module log', async () => {
    const [rows] = (await conn.query('SELECT request, response, arrdata FROM tblmodulelog')) as any;
    expect(rows.length).toBeGreaterThan(5);
    expect(JSON.stringify(rows)).not.toContain(srv.secret);
    expect(JSON.stringify(rows)).not.toContain('Zółw-2026!');
  });

  it('an unreachable server gives WHMCS one clear line and no PHP warning', async () => {
    await conn.query('UPDATE tblservers SET hostname = ? WHERE id = 1', ['127.0.0.1:1']);
    try {
      const r = clean(await runWhmcs({ database: db, call: 'module', function: 'CreateAccount', serviceId: 4 }));
      expect(r.return).toMatch(/^certbridge server at http:\/\/127\.0\.0\.1:1 could not be reached .*nothing was changed$/);
      expect(await sslOrders(4)).toHaveLength(0);
      const tc = clean(await runWhmcs<any>({ database: db, call: 'testconnection', serverId: 1 }));
      expect(tc.return.success).toBe(false);
    } finally {
      await conn.query('UPDATE tblservers SET hostname = ? WHERE id = 1', [`127.0.0.1:${srv.port}`]);
    }
  });
});
