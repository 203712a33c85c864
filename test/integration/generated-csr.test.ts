import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { execFileSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { OpensslDir } from '../support/openssl';

let srv: TestServer;
let conn: mysql.Connection;
const ssl = new OpensslDir();
const contact = { firstname: 'Łukasz', lastname: 'Żółkiewski', orgname: 'Żółw Hosting Sp. z o.o.', email: 'lukasz@zolw.example', address1: 'ul. Świętokrzyska 7', city: 'Warszawa', state: 'Mazowieckie', postcode: '00-049', country: 'PL', phonenumber: '+48.221234567' };

beforeAll(async () => {
  srv = await startTestServer({ label: 'gen' });
  conn = await mysql.createConnection(srv.database.url);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

async function issue(serviceId: number, userid: number, method: string, approver = '') {
  const step3 = await callHook(srv, 'SSLStepThree', { serviceid: serviceId, userid, approveremail: approver, configdata: { approvalmethod: method } });
  expect(step3.status).toBe(200);
  await srv.running.app.runner.runDue();
  const sync = await callHook(srv, 'SyncStatus', { serviceid: serviceId, userid }, { adminId: 1 });
  expect(sync.body.result).toBe('success');
}

describe('generated keys and CSRs', () => {
  it('generates key and CSR for a wildcard, issues, and serves key, PEM, PKCS#7 and PFX that openssl accepts', async () => {
    expect((await callHook(srv, 'CreateAccount', { serviceid: 3, userid: 3 })).body.result).toBe('success');
    const step2 = await callHook(srv, 'SSLStepTwo', { serviceid: 3, userid: 3, ...contact, csr: 'placeholder', fields: { generatecsr: 'on' } });
    expect(step2.status).toBe(200);
    expect(step2.body.result.domain).toBe('*.zolw.example');
    expect(step2.body.result.approveremails).toContain('admin@zolw.example');
    expect(step2.body.result.approvalmethods).toEqual(['email', 'dns-txt-token']);
    expect(step2.body.result.displaydata.Key).toBe('RSA 2048 (generated for you)');

    const [[key]] = (await conn.query('SELECT sealed_private_key FROM mod_certbridge_keys WHERE service_id = 3')) as any;
    expect(key.sealed_private_key).not.toContain('PRIVATE KEY'); // encrypted at rest

    await issue(3, 3, 'dns-txt-token');
    const area = await callHook(srv, 'ClientArea', { serviceid: 3, userid: 3 });
    expect(area.body.result.templateVariables.downloads.map((d: any) => d.format)).toEqual(['pem-leaf', 'pem-chain', 'pem-fullchain', 'pem-key', 'pkcs7', 'pfx', 'bundle-nginx', 'bundle-apache', 'bundle-cpanel']);

    const get = async (format: string, extra: Record<string, string> = {}) => {
      const res = await callHook(srv, 'Download', { serviceid: 3, userid: 3 }, { clientId: 3, request: { format, ...extra } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return Buffer.from(res.body.result.bodyBase64, 'base64');
    };
    const root = ssl.write('root.pem', (await srv.running.app.sandbox.caCertificates()).rootPem);
    const leaf = ssl.write('leaf.pem', await get('pem-leaf'));
    const chain = ssl.write('chain.pem', await get('pem-chain'));
    const keyFile = ssl.write('key.pem', await get('pem-key'));
    expect(ssl.run(['verify', '-CAfile', root, '-untrusted', chain, leaf])).toContain('OK');
    expect(ssl.publicKeyDigest('x509', leaf)).toBe(ssl.publicKeyDigest('pkey', keyFile));
    expect(ssl.run(['x509', '-in', leaf, '-noout', '-ext', 'subjectAltName'])).toContain('DNS:*.zolw.example');

    const p7 = ssl.write('bundle.p7b', await get('pkcs7'));
    expect(ssl.run(['pkcs7', '-in', p7, '-print_certs', '-noout']).match(/subject=/g)).toHaveLength(2);

    // The Apache bundle: certificate, chain and key as mod_ssl names them, all verified again.
    const zip = ssl.write('apache.zip', await get('bundle-apache'));
    execFileSync('unzip', ['-q', '-o', zip, '-d', `${ssl.dir}/apache`]);
    const base = `${ssl.dir}/apache/wildcard.zolw.example`;
    expect(ssl.run(['verify', '-CAfile', root, '-untrusted', `${base}.ca-bundle.crt`, `${base}.crt`])).toContain('OK');
    expect(ssl.publicKeyDigest('x509', `${base}.crt`)).toBe(ssl.publicKeyDigest('pkey', `${base}.key`));

    const short = await callHook(srv, 'Download', { serviceid: 3, userid: 3 }, { clientId: 3, request: { format: 'pfx', pfxpassword: 'short' } });
    expect(short.status).toBe(422);
    expect(short.body.error.field).toBe('pfxpassword');
    const pfx = ssl.write('bundle.pfx', await get('pfx', { pfxpassword: 'correct horse battery' }));
    const dumped = ssl.run(['pkcs12', '-in', pfx, '-passin', 'pass:correct horse battery', '-nodes']);
    expect(dumped).toContain('PRIVATE KEY');
    expect(dumped.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });

  it('explains contact details that cannot go into a generated CSR, and writes nothing', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2 });
    const res = await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, ...contact, orgname: 'O'.repeat(80), csr: 'x', fields: { generatecsr: 'on' } });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('csr');
    expect(res.body.error.message).toMatch(/could not generate the CSR from your details/);
    const [keys] = (await conn.query('SELECT id FROM mod_certbridge_keys WHERE service_id = 2')) as any;
    expect(keys).toEqual([]);
  });

  it('refuses downloads to another client and before issue', async () => {
    const other = await callHook(srv, 'Download', { serviceid: 3, userid: 1 }, { clientId: 1, request: { format: 'pem-key' } });
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(/does not belong/);
    await callHook(srv, 'CreateAccount', { serviceid: 1, userid: 1 });
    const early = await callHook(srv, 'Download', { serviceid: 1, userid: 1 }, { clientId: 1, request: { format: 'pem-leaf' } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/not been issued yet/);
  });

  it('adopts the key behind the CSR prefilled on the configure page', async () => {
    const prep = await callHook(srv, 'PrepareCsr', { serviceid: 1, userid: 1, clientsdetails: { companyname: 'Müller & Söhne GmbH', city: 'Stuttgart', countrycode: 'DE' } });
    expect(prep.body.result.csr).toMatch(/BEGIN CERTIFICATE REQUEST/);
    const csrFile = ssl.write('prefill.csr', prep.body.result.csr);
    expect(ssl.run(['req', '-in', csrFile, '-noout', '-subject'])).toMatch(/CN\s*=\s*shop\.mueller-soehne\.example/);
    const again = await callHook(srv, 'PrepareCsr', { serviceid: 1, userid: 1 });
    expect(ssl.publicKeyDigest('req', ssl.write('again.csr', again.body.result.csr))).toBe(ssl.publicKeyDigest('req', csrFile));

    const step2 = await callHook(srv, 'SSLStepTwo', { serviceid: 1, userid: 1, firstname: 'Jürgen', lastname: 'Müller', email: 'j@x.example', csr: prep.body.result.csr, fields: {} });
    expect(step2.status).toBe(200);
    expect(step2.body.result.displaydata.Key).toBe('RSA 2048 (generated for you)');
    const [keys] = (await conn.query("SELECT purpose FROM mod_certbridge_keys WHERE service_id = 1")) as any;
    expect(keys).toEqual([{ purpose: 'order' }]);
  });

  it('keeps no key when the client pastes their own CSR', async () => {
    await callHook(srv, 'CreateAccount', { serviceid: 4, userid: 1 });
    await callHook(srv, 'PrepareCsr', { serviceid: 4, userid: 1 });
    const own = ssl.csr('mueller-soehne.example', { ec: true, sans: ['mueller-soehne.example', 'www.mueller-soehne.example'] });
    const step2 = await callHook(srv, 'SSLStepTwo', { serviceid: 4, userid: 1, csr: own.csr, fields: { sans: 'shop.mueller-soehne.example\nmail.mueller-soehne.example' } });
    expect(step2.status, JSON.stringify(step2.body)).toBe(200);
    expect(step2.body.result.displaydata['Additional Domains']).toBe('www.mueller-soehne.example, shop.mueller-soehne.example, mail.mueller-soehne.example');
    expect(step2.body.result.displaydata.Key).toBe('ECDSA P-256');
    const [keys] = (await conn.query('SELECT id FROM mod_certbridge_keys WHERE service_id = 4')) as any;
    expect(keys).toEqual([]);
  });

  it('cancels an order on TerminateAccount before issue, and leaves an issued one alone', async () => {
    const term = await callHook(srv, 'TerminateAccount', { serviceid: 4, userid: 1 });
    expect(term.body.result).toBe('success');
    const [[row]] = (await conn.query('SELECT status FROM tblsslorders WHERE serviceid = 4')) as any;
    expect(row.status).toBe('Cancelled');
    const issued = await callHook(srv, 'TerminateAccount', { serviceid: 3, userid: 3 });
    expect(issued.body.result).toBe('success');
    expect(issued.body.effects[0].description).toMatch(/left as it is/);
    const [[still]] = (await conn.query('SELECT status FROM tblsslorders WHERE serviceid = 3')) as any;
    expect(still.status).toBe('Completed');
  });

  it('renews an issued certificate as a new order with the same CSR, superseding the old one on issue', async () => {
    const renew = await callHook(srv, 'Renew', { serviceid: 3, userid: 3 });
    expect(renew.body.result).toBe('success');
    await srv.running.app.runner.runDue();
    const sync = await callHook(srv, 'SyncStatus', { serviceid: 3, userid: 3 }, { adminId: 1 });
    expect(sync.body.result).toBe('success');
    const [orders] = (await conn.query('SELECT kind, state, csr_pem FROM mod_certbridge_orders WHERE service_id = 3 ORDER BY id')) as any;
    expect(orders.map((o: any) => [o.kind, o.state])).toEqual([['initial', 'superseded'], ['renewal', 'issued']]);
    expect(orders[1].csr_pem).toBe(orders[0].csr_pem);
  });
});
