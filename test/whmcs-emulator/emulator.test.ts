/**
 * The PHP shim, run by the real PHP CLI inside the WHMCS emulator, against a stub bridge that
 * enforces the hook protocol. Proves the wire protocol (signature, body, context), the
 * WHMCS-side behaviour (effects via localAPI, masked module log, return shapes per function,
 * configuressl.php steps, downloads) and that no path raises a PHP warning.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../support/mysql';
import { headerValue, md5Hex, PHP_BINARY, runWhmcs, SHIM_ROOT, type EmulatorResult } from '../support/whmcs';
import { expectedSignature, StubBridge } from './stub-bridge';

const SECRET = 'demo-hook-secret-change-me-0123456789'; // tblservers.accesshash in the seed
const SERVER_PASSWORD = 'srv-password-7d1f';
const REPLY_MASK = 'reply-mask-value-42';
const NO_SERVER = "No certbridge server is assigned to this product: add a server of type certbridge (hostname = the bridge URL, access hash = the shared secret) and select it in the product's Module Settings";
const FAKE_CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n-----END CERTIFICATE REQUEST-----';
const CONTACT = {
  firstname: 'Jürgen', lastname: 'Müller', orgname: 'Müller & Söhne GmbH', jobtitle: 'CTO', email: 'juergen@mueller-soehne.example',
  address1: 'Königstraße 12', address2: '', city: 'Stuttgart', state: 'Baden-Württemberg', postcode: '70173', country: 'DE',
  phonenumber: '+49.7111234567',
};

const stub = new StubBridge(SECRET);
let db: ScratchDatabase;
let conn: mysql.Connection;

async function sql<T = any>(query: string, args: unknown[] = []): Promise<T[]> {
  const [rows] = await conn.query(query, args);
  return rows as T[];
}

async function moduleLogText(): Promise<string> {
  const rows = await sql<{ t: string }>('SELECT CONCAT(module, action, request, response, arrdata) AS t FROM tblmodulelog ORDER BY id');
  return rows.map((r) => r.t).join('\n');
}

/** Every report must be free of PHP warnings and emulator-level errors. */
function clean<R>(result: EmulatorResult<R>): EmulatorResult<R> {
  expect(result.warnings).toEqual([]);
  expect(result.error).toBeNull();
  expect(stub.rejections).toEqual([]);
  return result;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function phpFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return phpFiles(path);
    return name.endsWith('.php') ? [path] : [];
  });
}

beforeAll(async () => {
  await stub.start();
});

afterAll(async () => {
  await stub.stop();
});

beforeEach(async () => {
  stub.reset(SECRET);
  db = await createScratchDatabase({ label: 'emulator' });
  conn = await mysql.createConnection({ uri: db.url, charset: 'utf8mb4_unicode_ci' });
  await sql('UPDATE tblservers SET hostname = ?, password = ? WHERE id = 1', [`127.0.0.1:${stub.port}`, SERVER_PASSWORD]);
});

afterEach(async () => {
  await conn.end();
  await db.drop();
});

describe('shim files', () => {
  it('pass php -l', async () => {
    const files = [...phpFiles(SHIM_ROOT), ...phpFiles(fileURLToPath(new URL('.', import.meta.url)))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { stdout } = await promisify(execFile)(PHP_BINARY, ['-l', file]);
      expect(stdout).toContain('No syntax errors detected');
    }
  });

  it('declare the module metadata and positional config options', async () => {
    const meta = clean(await runWhmcs<Record<string, unknown>>({ database: db.url, call: 'static', function: 'MetaData' }));
    expect(meta.return).toMatchObject({ DisplayName: 'certbridge SSL Certificates', APIVersion: '1.1', RequiresServer: true, DefaultNonSSLPort: '8420' });
    const options = clean(await runWhmcs<Record<string, Record<string, unknown>>>({ database: db.url, call: 'static', function: 'ConfigOptions' }));
    expect(Object.keys(options.return)).toEqual(['Supplier', 'Certificate product', 'CSR must match the ordered domain', 'Key type for generated CSRs']);
    expect(options.return['Key type for generated CSRs']).toMatchObject({ Type: 'dropdown', Default: 'rsa2048' });
  });
});

describe('hook requests', () => {
  it('are signed over the exact body, carry params without objects or credentials, and a context', async () => {
    stub.on('CreateAccount', { json: { result: 'success' } });
    const result = clean(await runWhmcs({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1, adminId: 1 }));
    expect(result.return).toBe('success');

    const req = stub.last('CreateAccount');
    expect(req.path).toBe('/whmcs/v1/hooks/CreateAccount');
    const { 'x-certbridge-timestamp': ts, 'x-certbridge-nonce': nonce, 'x-certbridge-signature': signature } = req.headers;
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(signature).toBe(expectedSignature(SECRET, req.path, String(ts), String(nonce), req.raw));
    // Unescaped UTF-8 and slashes, exactly as JSON_UNESCAPED_UNICODE|JSON_UNESCAPED_SLASHES encodes them.
    expect(req.raw.toString('utf8')).toContain('"firstname":"Jürgen"');

    const { params, context } = req.body;
    expect(params).toMatchObject({ serviceid: 1, userid: 1, domain: 'shop.mueller-soehne.example', moduletype: 'certbridge', configoption3: 'on' });
    expect(params.clientsdetails).toMatchObject({ fullname: 'Jürgen Müller', phonecc: 49, phonenumber: '7111234567' });
    expect(params).not.toHaveProperty('model');
    expect(params.clientsdetails).not.toHaveProperty('model');
    expect(params).not.toHaveProperty('serveraccesshash');
    expect(params).not.toHaveProperty('serverpassword');
    expect(params.serverhostname).toBe(`127.0.0.1:${stub.port}`);
    expect(params.customfields).toEqual([]); // PHP's empty array: the server must accept [] for {}
    expect(context).toEqual({ shimVersion: '1', phpVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), whmcsVersion: '8.4.0-release.1', adminId: 1, clientId: 0, request: {} });
    // WHMCS marks the service active after a successful CreateAccount.
    expect(result.whmcs.service?.domainstatus).toBe('Active');
  });

  it('honour a path prefix in the server URL and fall back to the server password as secret', async () => {
    await sql("UPDATE tblservers SET hostname = ?, accesshash = '', password = 'pw-fallback-secret' WHERE id = 1", [`http://127.0.0.1:${stub.port}/certbridge/`]);
    stub.reset('pw-fallback-secret');
    stub.pathPrefix = '/certbridge';
    stub.on('TestConnection', { json: { result: { success: true } } });
    const result = clean(await runWhmcs({ database: db.url, call: 'testconnection', serverId: 1 }));
    expect(result.return).toEqual({ success: true });
    expect(stub.last('TestConnection').path).toBe('/certbridge/whmcs/v1/hooks/TestConnection');
  });

  it('go to the URL WHMCS server entries describe: bare host plus port, https when secure', async () => {
    stub.on('TestConnection', { json: { result: { success: true } } });
    await sql("UPDATE tblservers SET hostname = '127.0.0.1', port = ? WHERE id = 1", [stub.port]);
    expect(clean(await runWhmcs({ database: db.url, call: 'testconnection', serverId: 1 })).return).toEqual({ success: true });

    // secure = on: https with certificate verification; a plain-HTTP listener fails the handshake.
    await sql("UPDATE tblservers SET secure = 'on' WHERE id = 1");
    const tls = clean(await runWhmcs({ database: db.url, call: 'testconnection', serverId: 1 }));
    expect(tls.return.success).toBe(false);
    expect(tls.return.error).toMatch(new RegExp(`^certbridge server at https://127\\.0\\.0\\.1:${stub.port} could not be reached \\(.+\\); nothing was changed$`));
  });

  it('are not sent when no server is assigned', async () => {
    await sql('UPDATE tblhosting SET server = 0 WHERE id = 1');
    const result = clean(await runWhmcs({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1 }));
    expect(result.return).toBe(NO_SERVER);
    expect(stub.requests).toEqual([]);
    expect(result.whmcs.service?.domainstatus).toBe('Pending');
  });
});

describe('replies', () => {
  it('run their effects through localAPI in order and mask secrets in the module log', async () => {
    stub.on('CreateAccount', {
      json: {
        result: 'success',
        effects: [
          { type: 'sendEmail', messagename: 'SSL Certificate Configuration Required', id: 1, customvars: { ssl_configuration_link: 'https://billing.example.com/configuressl.php?cert=abc' } },
          { type: 'updateClientProduct', values: { serviceid: 1, domain: 'www.shop.mueller-soehne.example', notes: 'ordered via certbridge' } },
          { type: 'logActivity', description: 'certbridge: order placed for service #1', userId: 1 },
          { type: 'sendEmail', messagename: 'No Such Template', id: 1 },
          { type: 'teleport', where: 'moon' },
        ],
        mask: [REPLY_MASK],
        debug: `echoing ${SECRET} and ${SERVER_PASSWORD} and ${REPLY_MASK}`,
      },
    });
    const result = clean(await runWhmcs({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1 }));
    // Failing effects are logged, never turned into a failed call.
    expect(result.return).toBe('success');

    expect(result.localApi.map((c) => [c.command, c.result.result])).toEqual([
      ['SendEmail', 'success'],
      ['UpdateClientProduct', 'success'],
      ['SendEmail', 'error'],
    ]);
    expect(result.localApi[0].customvars).toEqual({ ssl_configuration_link: 'https://billing.example.com/configuressl.php?cert=abc' });
    expect(result.localApi[0].template).toEqual({ id: 75, type: 'product' });
    expect(result.localApi[2].result.message).toBe('Email Template not found');
    expect(result.activity).toEqual([{ description: 'certbridge: order placed for service #1', userId: 1 }]);

    const [service] = await sql('SELECT domain, notes, domainstatus FROM tblhosting WHERE id = 1');
    expect(service).toEqual({ domain: 'www.shop.mueller-soehne.example', notes: 'ordered via certbridge', domainstatus: 'Active' });
    const activity = await sql('SELECT description, userid FROM tblactivitylog');
    expect(activity).toEqual([{ description: 'certbridge: order placed for service #1', userid: 1 }]);

    const actions = (await sql<{ action: string }>('SELECT action FROM tblmodulelog ORDER BY id')).map((r) => r.action);
    expect(actions).toEqual(['createaccount effect sendemail', 'createaccount effect teleport', 'createaccount']);
    const log = await moduleLogText();
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(SERVER_PASSWORD);
    expect(log).not.toContain(REPLY_MASK);
    expect(log).toContain('*'.repeat(SECRET.length));
    expect(log).toContain('*'.repeat(REPLY_MASK.length));
  });

  it('map server errors to the shape each WHMCS function expects', async () => {
    const message = 'The CSR is for <b>evil.example</b>, not shop.mueller-soehne.example';
    const escaped = 'The CSR is for &lt;b&gt;evil.example&lt;/b&gt;, not shop.mueller-soehne.example';
    stub.otherwise({ status: 422, json: { error: { code: 'invalid_request', message, field: 'csr' } } });
    const base = { database: db.url, serviceId: 1 } as const;

    expect(clean(await runWhmcs({ ...base, call: 'module', function: 'CreateAccount' })).return).toBe(message);
    expect(clean(await runWhmcs({ ...base, call: 'module', function: 'Renew' })).return).toBe(message);
    expect(clean(await runWhmcs({ ...base, call: 'adminbutton', function: 'SyncStatus' })).return).toBe(message);
    expect(clean(await runWhmcs({ database: db.url, call: 'testconnection', serverId: 1 })).return).toEqual({ success: false, error: message });
    expect(clean(await runWhmcs({ ...base, call: 'module', function: 'SSLStepOne' })).return).toEqual({ error: message });
    expect(clean(await runWhmcs({ ...base, call: 'module', function: 'AdminServicesTabFields' })).return).toEqual({ certbridge: escaped });

    const clientArea = clean(await runWhmcs<string>({ ...base, call: 'module', function: 'ClientArea' }));
    expect(clientArea.return).toContain('alert alert-danger');
    expect(clientArea.return).toContain(escaped);

    // WHMCS wants loaders to throw; the emulator reports the exception like any uncaught one.
    const loader = await runWhmcs({ database: db.url, call: 'loader', function: 'LoadProducts', serverId: 1 });
    expect(loader.warnings).toEqual([]);
    expect(loader.exception).toEqual({ class: 'Exception', message });
    expect(loader.return).toBeNull();
    // A failed CreateAccount leaves the service as it was.
    const [service] = await sql('SELECT domainstatus FROM tblhosting WHERE id = 1');
    expect(service.domainstatus).toBe('Pending');
  });

  it('report replies without a usable answer in one line', async () => {
    stub.on('CreateAccount', { status: 502, text: '<html>Bad Gateway</html>' });
    stub.on('TerminateAccount', { status: 200, text: 'OK' });
    const base = `certbridge server at http://127.0.0.1:${stub.port}`;
    expect(clean(await runWhmcs({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1 })).return).toBe(`${base} replied with HTTP 502 and no usable answer`);
    expect(clean(await runWhmcs({ database: db.url, call: 'module', function: 'TerminateAccount', serviceId: 1 })).return).toBe(`${base} replied with HTTP 200 and no usable answer`);
  });

  it('give loaders their option map and the client area its template', async () => {
    stub.on('ListSuppliers', { json: { result: { options: { sandbox: 'Sandbox CA', gogetssl: 'GoGetSSL' } } } });
    stub.on('ClientArea', { json: { result: { tabOverviewModuleOutputTemplate: 'templates/overview', templateVariables: { state: 'issued', stateLabel: 'Issued' } } } });
    const loader = clean(await runWhmcs({ database: db.url, call: 'loader', function: 'LoadSuppliers', serverId: 1 }));
    expect(loader.return).toEqual({ sandbox: 'Sandbox CA', gogetssl: 'GoGetSSL' });
    const area = clean(await runWhmcs({ database: db.url, call: 'module', function: 'ClientArea', serviceId: 1, clientId: 1 }));
    expect(area.return).toEqual({ tabOverviewModuleOutputTemplate: 'templates/overview', templateVariables: { state: 'issued', stateLabel: 'Issued' } });
    expect(stub.last('ClientArea').body.context.clientId).toBe(1);
  });
});

describe('an unavailable server', () => {
  it('that is not listening gives one line and no warning', async () => {
    const port = await freePort();
    await sql('UPDATE tblservers SET hostname = ? WHERE id = 1', [`127.0.0.1:${port}`]);
    const result = clean(await runWhmcs<string>({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1 }));
    expect(result.return).toMatch(new RegExp(`^certbridge server at http://127\\.0\\.0\\.1:${port} could not be reached \\(.+\\); nothing was changed$`));
    expect(result.return).not.toContain('\n');
    const area = clean(await runWhmcs<string>({ database: db.url, call: 'module', function: 'ClientArea', serviceId: 1 }));
    expect(area.return).toContain('could not be reached');
    const [service] = await sql('SELECT domainstatus FROM tblhosting WHERE id = 1');
    expect(service.domainstatus).toBe('Pending');
  });

  it('that answers too slowly times out with the configured limit', async () => {
    stub.on('CreateAccount', { delayMs: 3000, json: { result: 'success' } });
    const started = Date.now();
    const result = clean(await runWhmcs<string>({ database: db.url, call: 'module', function: 'CreateAccount', serviceId: 1, httpTimeout: 0.5 }));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result.return).toBe(`certbridge server at http://127.0.0.1:${stub.port} did not answer within 0.5 s; nothing was changed`);
    expect(result.whmcs.service?.domainstatus).toBe('Pending');
  });
});

describe('configuressl.php', () => {
  const cert = md5Hex('1');

  beforeEach(async () => {
    await sql(
      "INSERT INTO tblsslorders (id, userid, serviceid, addon_id, remoteid, module, certtype, configdata, status) VALUES (1, 1, 1, 0, '', 'certbridge', 'sandbox-dv-single', '', 'Awaiting Configuration')",
    );
  });

  it('rejects a link for another client without asking the server', async () => {
    const result = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 2 }));
    expect(result.whmcs.page).toBe('invalid-link');
    expect(stub.requests).toEqual([]);
  });

  it('validates step two like WHMCS without sending SSLStepTwo', async () => {
    stub.on('SSLStepOne', { json: { result: { additionalfields: { Organisation: { orgnumber: { FriendlyName: 'Organisation number', Type: 'text', Required: true } } } } } });
    const result = clean(await runWhmcs({
      database: db.url, call: 'configuressl', cert, clientId: 1, step: 2,
      post: { servertype: '1002', csr: '-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----', ...CONTACT, city: '' },
    }));
    expect(result.whmcs.errors).toEqual([
      'You must enter your certificate signing request (CSR)',
      'Organisation number is required',
      'You did not enter your city',
    ]);
    // SSLStepOne once to learn the required fields, once to re-render step one; the CSR hook
    // stays quiet on a re-render so the client's own input is kept.
    expect(stub.names()).toEqual(['SSLStepOne', 'SSLStepOne']);
    expect(result.whmcs.page).toBe('stepone');
    expect(result.whmcs.order?.configdata).toEqual({});
  });

  it('runs the three steps and writes what WHMCS writes', async () => {
    stub.on('SSLStepOne', { json: { result: { displaydata: { Domain: 'shop.mueller-soehne.example' } } } });
    stub.on('PrepareCsr', { json: { result: { csr: FAKE_CSR } } });
    const one = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 1 }));
    expect(one.whmcs).toMatchObject({ page: 'stepone', showForm: true, errors: [] });
    expect(one.whmcs.templateVars?.csr).toBe(FAKE_CSR); // prefilled by hooks.php
    expect(stub.names()).toEqual(['SSLStepOne', 'PrepareCsr']);

    stub.on('SSLStepTwo', { json: { result: { approveremails: ['admin@mueller-soehne.example'], approvalmethods: ['email', 'dns-txt-token'], remoteid: 'CB-1', displaydata: { Organization: 'Müller & Söhne GmbH' } } } });
    const two = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 1, step: 2, post: { servertype: '1002', csr: FAKE_CSR, ...CONTACT, fields: { san: 'www.shop.mueller-soehne.example' } } }));
    expect(two.whmcs).toMatchObject({ page: 'steptwo', errors: [], approveremails: ['admin@mueller-soehne.example'], approvalmethods: ['email', 'dns-txt-token'] });
    expect(stub.last('SSLStepTwo').body.params).toMatchObject({ csr: FAKE_CSR, firstname: 'Jürgen', servertype: '1002', fields: { san: 'www.shop.mueller-soehne.example' }, remoteid: '', configdata: [] });
    expect(two.whmcs.order).toMatchObject({ remoteid: 'CB-1', status: 'Awaiting Configuration', configdata: { csr: FAKE_CSR, orgname: 'Müller & Söhne GmbH' } });

    const missing = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 1, step: 3, post: { approval_method: 'email' } }));
    expect(missing.whmcs.errors).toEqual(['You must choose an approver email address']);
    expect(stub.names()).not.toContain('SSLStepThree');

    stub.on('SSLStepThree', { json: { result: {} } });
    const three = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 1, step: 3, post: { approveremail: '', approval_method: 'dns-txt-token' } }));
    expect(three.whmcs).toMatchObject({ page: 'complete', errors: [] });
    expect(stub.last('SSLStepThree').body.params).toMatchObject({ approvalmethod: 'dns-txt-token', csr: FAKE_CSR, remoteid: 'CB-1' });
    expect(three.whmcs.order?.status).toBe('Configuration Submitted');
    expect(three.whmcs.order?.completiondate).not.toBe('0000-00-00 00:00:00');
    expect(three.whmcs.order?.configdata).toMatchObject({ approvalmethod: 'dns-txt-token', approveremail: '' });
    // certbridge has a Renew function, so WHMCS leaves the service status alone.
    expect(three.whmcs.service?.domainstatus).toBe('Pending');
  });

  it('leaves the CSR box alone unless it is an empty step one awaiting configuration', async () => {
    const fire = (vars: Record<string, unknown>, get: Record<string, unknown> = {}) =>
      runWhmcs({ database: db.url, call: 'hook', hookPoint: 'ClientAreaPageConfigureSSL', vars: { serviceid: 1, addonId: 0, ...vars }, get });
    expect(clean(await fire({ status: 'Configuration Submitted', csr: '' })).return).toEqual([[]]);
    expect(clean(await fire({ status: 'Awaiting Configuration', csr: FAKE_CSR })).return).toEqual([[]]);
    expect(clean(await fire({ status: 'Awaiting Configuration', csr: '' }, { step: '3' })).return).toEqual([[]]);
    expect(stub.requests).toEqual([]);
  });

  it('renders step one when the CSR hook fails', async () => {
    stub.on('SSLStepOne', { json: { result: {} } });
    stub.on('PrepareCsr', { status: 500, json: { error: { code: 'internal', message: 'key generation failed' } } });
    const result = clean(await runWhmcs({ database: db.url, call: 'configuressl', cert, clientId: 1 }));
    expect(result.whmcs.templateVars?.csr).toBe('-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----');
    expect(await moduleLogText()).toContain('key generation failed');
  });
});

describe('downloads', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';

  beforeEach(async () => {
    await sql("UPDATE tblhosting SET domainstatus = 'Active' WHERE id = 1");
  });

  it('stream the file with download headers and keep the body out of the log', async () => {
    const bodyBase64 = Buffer.from(pem).toString('base64');
    stub.on('Download', { json: { result: { filename: '../../etc/shop cert.pem', contentType: 'application/x-pem-file', bodyBase64 } } });
    const result = clean(await runWhmcs({ database: db.url, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: 'pem-fullchain' } }));
    expect(result.whmcs.finished).toBe(true);
    expect(result.bodyBase64).toBe(bodyBase64); // page output buffered before the module is gone
    expect(result.output).toBe('');
    expect(headerValue(result, 'Content-Type')).toBe('application/x-pem-file');
    expect(headerValue(result, 'Content-Disposition')).toBe('attachment; filename="shop_cert.pem"');
    expect(headerValue(result, 'Content-Length')).toBe(String(pem.length));
    expect(headerValue(result, 'Cache-Control')).toBe('no-store');
    expect(headerValue(result, 'X-Content-Type-Options')).toBe('nosniff');
    expect(stub.last('Download').body.context).toMatchObject({ clientId: 1, request: { format: 'pem-fullchain', pfxpassword: '' } });
    expect(await moduleLogText()).not.toContain(bodyBase64);
  });

  it('send the PFX password from POST only and mask it', async () => {
    const pfxPassword = 'Pfx-Secret-1234';
    stub.on('Download', { json: { result: { filename: 'shop.pfx', contentType: 'application/x-pkcs12', bodyBase64: Buffer.from([0x30, 0x82, 0x00, 0xff]).toString('base64') } } });
    const result = clean(await runWhmcs({ database: db.url, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: 'pfx', pfxpassword: 'from-the-url' }, post: { format: 'pfx', pfxpassword: pfxPassword } }));
    expect(Buffer.from(result.bodyBase64 ?? '', 'base64')).toEqual(Buffer.from([0x30, 0x82, 0x00, 0xff]));
    expect(stub.last('Download').body.context.request).toEqual({ format: 'pfx', pfxpassword: pfxPassword });
    expect(await moduleLogText()).not.toContain(pfxPassword);
  });

  it('return an error string instead of a file when there is none', async () => {
    stub.on('Download', { status: 409, json: { error: { code: 'conflict', message: 'The certificate has not been issued yet; there is nothing to download' } } });
    const refused = clean(await runWhmcs({ database: db.url, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: 'pem-leaf' } }));
    expect(refused.return).toBe('The certificate has not been issued yet; there is nothing to download');
    expect(refused.headers).toEqual([]);
    expect(refused.bodyBase64).toBeNull();

    const unknown = clean(await runWhmcs({ database: db.url, call: 'clientcustom', serviceId: 1, clientId: 1, function: 'download', get: { format: '../../etc/passwd' } }));
    expect(unknown.return).toBe('Please choose one of the offered certificate download formats.');
    expect(stub.names()).toEqual(['Download']);

    const stranger = clean(await runWhmcs({ database: db.url, call: 'clientcustom', serviceId: 1, clientId: 2, function: 'download', get: { format: 'pem-leaf' } }));
    expect(stranger.whmcs.denied).toBe('service not owned by client');
  });
});
