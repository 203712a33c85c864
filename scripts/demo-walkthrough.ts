/**
 * The demo's scripted client journey, through the real PHP shim against the running demo
 * server: order → configuration e-mail → configuressl steps → issue → client area →
 * downloads checked with openssl. Prints each step's result. Used by scripts/demo.sh.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { runWhmcs, md5Hex, type EmulatorRequest, type EmulatorResult } from '../test/support/whmcs';

const database = process.env.CERTBRIDGE_DATABASE_URL!;
const delay = Number(process.env.CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'certbridge-demo-'));
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
let stepNo = 0;

function step(title: string): void {
  console.log(`\n${bold(`${++stepNo}. ${title}`)}`);
}
function show(label: string, value: unknown): void {
  console.log(`   ${label.padEnd(22)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}
async function whmcs<R = any>(req: Record<string, unknown>): Promise<EmulatorResult<R>> {
  const r = await runWhmcs<R>({ ...req, database } as unknown as EmulatorRequest);
  if (r.error || r.warnings.length) throw new Error(`the shim reported: ${r.error ?? r.warnings.join('; ')}`);
  return r;
}
const openssl = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const conn = await mysql.createConnection(database);
const serviceId = 1;
const [[service]] = (await conn.query('SELECT h.domain, c.firstname, c.lastname, p.name FROM tblhosting h JOIN tblclients c ON c.id = h.userid JOIN tblproducts p ON p.id = h.packageid WHERE h.id = ?', [serviceId])) as any;
console.log(`\nWalking service #${serviceId} (${service.name} for ${service.domain}, client ${service.firstname} ${service.lastname}) through the real PHP shim.`);

step('WHMCS accepts the paid order and calls CreateAccount');
const created = await whmcs({ call: 'module', function: 'CreateAccount', serviceId });
show('module returned', created.return);
const mail = created.localApi.find((c) => c.command === 'SendEmail');
show('e-mail sent', `${mail?.values.messagename} → ${JSON.stringify(mail?.customvars)}`);
const [[row]] = (await conn.query('SELECT id, status FROM tblsslorders WHERE serviceid = ?', [serviceId])) as any;
show('tblsslorders', `#${row.id} ${row.status}`);
const cert = md5Hex(String(row.id));

step('The client opens configuressl.php (step one)');
const one = await whmcs({ call: 'configuressl', cert, clientId: 1 });
show('page', one.whmcs.page);
show('extra fields', Object.keys((one.whmcs.additionalfields as any)?.Certificate ?? {}).join(', '));
show('CSR box prefilled', String(one.whmcs.templateVars?.csr ?? '').split('\n')[0]);

step('Step two: the client ticks "Generate the CSR for me"');
const contact = { servertype: '1002', firstname: service.firstname, lastname: service.lastname, orgname: 'Müller & Söhne GmbH', email: 'juergen@mueller-soehne.example', address1: 'Königstraße 12', city: 'Stuttgart', state: 'Baden-Württemberg', postcode: '70173', country: 'DE', phonenumber: '+49.7111234567' };
const two = await whmcs({ call: 'configuressl', cert, clientId: 1, step: 2, post: { ...contact, csr: String(one.whmcs.templateVars?.csr ?? ''), fields: { generatecsr: 'on' } } });
show('page', two.whmcs.page);
show('shown to the client', two.whmcs.displaydata);
show('approver e-mails', two.whmcs.approveremails);
show('validation methods', two.whmcs.approvalmethods);

step('Step three: the client picks e-mail validation');
const three = await whmcs({ call: 'configuressl', cert, clientId: 1, step: 3, post: { approveremail: two.whmcs.approveremails![0], approval_method: 'email' } });
show('page', three.whmcs.page);
show('tblsslorders status', three.whmcs.order?.status);

step(`The server's job submits it to the sandbox CA, which issues after ${delay} s`);
await new Promise((r) => setTimeout(r, (delay + 2) * 1000));
const sync = await whmcs({ call: 'adminbutton', function: 'SyncStatus', serviceId, adminId: 1 });
show('Sync Status returned', sync.return);
show('e-mail sent', sync.localApi.find((c) => c.command === 'SendEmail')?.values.messagename ?? '(none)');
const [[after]] = (await conn.query('SELECT status, remoteid FROM tblsslorders WHERE serviceid = ?', [serviceId])) as any;
show('tblsslorders', `${after.status}, supplier order ${after.remoteid}`);

step('The client area shows the certificate');
const area = await whmcs({ call: 'module', function: 'ClientArea', serviceId });
const v = area.return.templateVariables;
show('state', v.stateLabel);
show('issuer', v.issuer);
show('valid', `${v.validFrom} → ${v.validTo}`);
show('downloads', v.downloads.map((d: any) => d.format).join(', '));

step('Downloads, checked with openssl');
const get = async (format: string, post: Record<string, string> = {}) => {
  const r = await whmcs({ call: 'clientcustom', serviceId, clientId: 1, function: 'download', get: { format }, post: { format, ...post } });
  return Buffer.from(r.bodyBase64 ?? '', 'base64');
};
const chainFile = join(dir, 'fullchain.pem');
writeFileSync(chainFile, await get('pem-fullchain'));
const keyFile = join(dir, 'key.pem');
writeFileSync(keyFile, await get('pem-key'));
const [[rootRow]] = (await conn.query("SELECT value FROM mod_certbridge_settings WHERE name = 'sandbox.ca.root.certificate'")) as any;
const rootFile = join(dir, 'sandbox-root.pem');
writeFileSync(rootFile, rootRow.value);
show('openssl verify', openssl(['verify', '-CAfile', rootFile, '-untrusted', chainFile, chainFile]));
const certKey = openssl(['x509', '-in', chainFile, '-noout', '-pubkey']);
const ownKey = openssl(['pkey', '-in', keyFile, '-pubout']);
show('key matches certificate', certKey === ownKey ? 'yes' : 'NO');
const pfxFile = join(dir, 'certificate.pfx');
writeFileSync(pfxFile, await get('pfx', { pfxpassword: 'demo-password-1' }));
show('PFX opens', openssl(['pkcs12', '-in', pfxFile, '-passin', 'pass:demo-password-1', '-nokeys', '-clcerts']).includes('BEGIN CERTIFICATE') ? 'yes (password demo-password-1)' : 'no');
show('files', dir);

await conn.end();
console.log(`\n${bold('Done:')} a certificate went from a WHMCS order to an issued, verified certificate.`);
