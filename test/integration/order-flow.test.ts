import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';

let srv: TestServer;
let conn: mysql.Connection;
const dir = mkdtempSync(join(tmpdir(), 'cb-flow-'));

function opensslCsr(cn: string, bits = 2048, extra: string[] = []): string {
  const keyFile = join(dir, `${cn.replace(/\W/g, '_')}-${bits}.key`);
  return execFileSync('openssl', ['req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', keyFile, '-subj', `/CN=${cn}/O=Test`, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

const contact = { firstname: 'Jürgen', lastname: 'Müller', orgname: 'Müller & Söhne GmbH', email: 'juergen@mueller-soehne.example', address1: 'Königstraße 12', city: 'Stuttgart', state: 'Baden-Württemberg', postcode: '70173', country: 'DE', phonenumber: '+49.7111234567' };

async function sslRow(serviceId: number) {
  const [rows] = (await conn.query('SELECT * FROM tblsslorders WHERE serviceid = ?', [serviceId])) as any;
  return rows as any[];
}

beforeAll(async () => {
  // Strict mode on every server session: WHMCS itself runs non-strict, but our writes must not depend on that.
  srv = await startTestServer({ label: 'flow', sqlMode: 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO' });
  conn = await mysql.createConnection(srv.database.url);
});
afterAll(async () => {
  await conn?.end();
  await srv?.stop();
});

describe('certificate order flow over the hook protocol', () => {
  it('creates one SSL order and asks WHMCS to e-mail the configuration link', async () => {
    const mode = await sql<{ m: string }>`SELECT @@SESSION.sql_mode AS m`.execute(srv.running.app.dbHandle.db);
    expect(mode.rows[0].m).toContain('STRICT_ALL_TABLES');
    const res = await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2, pid: 1 });
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('success');
    const rows = await sslRow(2);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('Awaiting Configuration');
    expect(res.body.effects[0]).toMatchObject({ type: 'sendEmail', messagename: 'SSL Certificate Configuration Required', id: 2 });
    expect(res.body.effects[0].customvars.ssl_configuration_link).toMatch(/^https:\/\/billing\.example\.com\/configuressl\.php\?cert=[0-9a-f]{32}$/);

    const again = await callHook(srv, 'CreateAccount', { serviceid: 2, userid: 2, pid: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already exists/);
    expect(await sslRow(2)).toHaveLength(1);
  });

  it('rejects bad CSRs with a message naming the problem and keeps the order unconfigured', async () => {
    const bad = [
      { csr: '-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----', match: /CSR/ },
      { csr: opensslCsr('other-domain.example'), match: /ordered for obrien\.example/ },
      { csr: opensslCsr('obrien.example', 1024), match: /1024 bits; at least 2048/ },
      { csr: opensslCsr('*.obrien.example'), match: /not a wildcard certificate/ },
    ];
    for (const b of bad) {
      const res = await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, ...contact, csr: b.csr, fields: {} });
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe('csr');
      expect(res.body.error.message).toMatch(b.match);
    }
    const [orders] = (await conn.query('SELECT state, csr_pem FROM mod_certbridge_orders WHERE service_id = 2')) as any;
    expect(orders[0]).toEqual({ state: 'awaiting_configuration', csr_pem: null });
  });

  it('takes a pasted CSR, refuses an approver outside the list, and issues after submission', async () => {
    const step2 = await callHook(srv, 'SSLStepTwo', { serviceid: 2, userid: 2, ...contact, csr: opensslCsr('obrien.example', 2048, ['-addext', 'subjectAltName=DNS:obrien.example,DNS:www.obrien.example']), fields: {} });
    expect(step2.status).toBe(200);
    expect(step2.body.result.approveremails).toContain('admin@obrien.example');
    expect(step2.body.result.approvalmethods).toEqual(['email', 'dns-txt-token', 'file']);
    expect(step2.body.result.domain).toBe('obrien.example');

    const wrong = await callHook(srv, 'SSLStepThree', { serviceid: 2, userid: 2, approveremail: 'ceo@evil.example', configdata: { approvalmethod: 'email' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('approveremail');

    const step3 = await callHook(srv, 'SSLStepThree', { serviceid: 2, userid: 2, approveremail: 'admin@obrien.example', configdata: { approvalmethod: 'email' } });
    expect(step3.status).toBe(200);
    expect(await srv.running.app.runner.runDue()).toBeGreaterThan(0);
    const [[placed]] = (await conn.query('SELECT state, supplier_order_id FROM mod_certbridge_orders WHERE service_id = 2')) as any;
    expect(placed.state).toBe('pending_validation');
    expect((await sslRow(2))[0].remoteid).toBe(placed.supplier_order_id);

    const sync = await callHook(srv, 'SyncStatus', { serviceid: 2, userid: 2 }, { adminId: 1 });
    expect(sync.body.result).toBe('success');
    expect(sync.body.effects[0]).toMatchObject({ type: 'sendEmail', messagename: 'SSL Certificate Issued', id: 2 });
    expect((await sslRow(2))[0].status).toBe('Completed');

    const area = await callHook(srv, 'ClientArea', { serviceid: 2, userid: 2 });
    const vars = area.body.result.templateVariables;
    expect(vars.state).toBe('issued');
    expect(vars.issuer).toMatch(/certbridge Sandbox/);
    expect(vars.downloads.map((d: any) => d.format)).toEqual(['pem-leaf', 'pem-chain', 'pem-fullchain', 'pkcs7', 'bundle-nginx', 'bundle-apache', 'bundle-cpanel']);
  });
});
