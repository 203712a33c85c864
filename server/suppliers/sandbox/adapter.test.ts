import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle } from '../../../db/connection';
import { migrateToLatest } from '../../../db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/support/mysql';
import { OpensslDir } from '../../../test/support/openssl';
import { createSecretBox } from '../../crypto/secret-box';
import { describeCertificate } from '../../crypto/pem';
import { SupplierError } from '../errors';
import type { OrderRequest } from '../supplier';
import { SandboxSupplier } from './adapter';
import { SandboxCaStore } from './ca-store';

let scratch: ScratchDatabase;
let h: DbHandle;
// Two minutes in the past: after the test moves the clock past the issue delay, the
// certificate's notBefore is still behind the real clock that openssl verify checks against.
let now = new Date(Date.now() - 120_000);
let sandbox: SandboxSupplier;
const ssl = new OpensslDir();
const key = randomBytes(32);
const box = createSecretBox({ keys: { k1: key }, activeKeyId: 'k1' });

function request(cn: string, key: string, method: 'email' | 'dns_txt' | 'http' = 'dns_txt'): OrderRequest {
  return {
    idempotencyKey: key,
    productId: 'sandbox-dv-single',
    months: 12,
    csrPem: ssl.csr(cn, { sans: [cn, `www.${cn}`] }).csr,
    commonName: cn,
    dnsNames: [cn, `www.${cn}`],
    dcv: [cn, `www.${cn}`].map((domain) => ({ domain, method, ...(method === 'email' ? { email: `admin@${cn}` } : {}) })),
    admin: { firstName: 'A', lastName: 'B', email: 'a@b.example', phone: '+1.5', address1: 'x', city: 'y', state: 'z', postcode: '1', country: 'US' },
  };
}

beforeAll(async () => {
  scratch = await createScratchDatabase({ label: 'sbx', seed: false });
  h = openDatabase(scratch.url);
  await migrateToLatest(h.db);
  sandbox = new SandboxSupplier(h.db, new SandboxCaStore(h.db, box), { issueDelaySeconds: 60, now: () => now });
});
afterAll(async () => {
  await h?.close();
  await scratch?.drop();
});

describe('sandbox supplier', () => {
  it('never creates a second order for a retried placeOrder with the same idempotency key', async () => {
    const req = request('retry.example', 'order-1');
    const first = await sandbox.placeOrder(req);
    const second = await sandbox.placeOrder(req);
    expect(second.supplierOrderId).toBe(first.supplierOrderId);
    const rows = await h.db.selectFrom('mod_certbridge_sandbox_orders').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('gives DNS and HTTP instructions per domain while validation is pending', async () => {
    const dns = await sandbox.placeOrder(request('dns.example', 'order-2'));
    expect(dns.status).toBe('pending_validation');
    expect(dns.dcv).toHaveLength(2);
    expect(dns.dcv[0]).toMatchObject({ domain: 'dns.example', method: 'dns_txt', status: 'pending', dns: { host: '_certbridge-sandbox.dns.example', type: 'TXT' } });
    const http = await sandbox.placeOrder(request('http.example', 'order-3', 'http'));
    expect(http.dcv[1].http?.url).toMatch(/^http:\/\/www\.http\.example\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/);
  });

  it('issues after the configured delay, within the lifetime cap, with a chain that openssl verifies', async () => {
    const placed = await sandbox.placeOrder(request('issue.example', 'order-4'));
    expect((await sandbox.getOrder(placed.supplierOrderId)).status).toBe('pending_validation');
    now = new Date(now.getTime() + 61_000);
    const done = await sandbox.getOrder(placed.supplierOrderId);
    expect(done.status).toBe('issued');
    const cert = describeCertificate(done.certificatePem!);
    expect(cert.dnsNames).toEqual(['issue.example', 'www.issue.example']);
    expect(Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / 86_400_000)).toBeLessThanOrEqual(200);
    const { rootPem } = await sandbox.caCertificates();
    const out = ssl.run(['verify', '-CAfile', ssl.write('root.pem', rootPem), '-untrusted', ssl.write('int.pem', done.chainPems![0]), ssl.write('leaf.pem', done.certificatePem!)]);
    expect(out).toContain('OK');
    // A second query returns the same certificate rather than issuing again.
    expect((await sandbox.getOrder(placed.supplierOrderId)).certificatePem).toBe(done.certificatePem);
  });

  it('keeps one CA across instances sharing the database', async () => {
    const other = new SandboxSupplier(h.db, new SandboxCaStore(h.db, box), { issueDelaySeconds: 0 });
    expect((await other.caCertificates()).rootPem).toBe((await sandbox.caCertificates()).rootPem);
  });

  it('cancels a pending order and reports an unknown order as not found', async () => {
    const placed = await sandbox.placeOrder(request('cancel.example', 'order-5'));
    await sandbox.cancel(placed.supplierOrderId);
    expect((await sandbox.getOrder(placed.supplierOrderId)).status).toBe('cancelled');
    await expect(sandbox.getOrder('SBX-999999')).rejects.toBeInstanceOf(SupplierError);
    await expect(sandbox.getOrder('SBX-999999')).rejects.toMatchObject({ code: 'not_found', kind: 'permanent' });
  });
});
