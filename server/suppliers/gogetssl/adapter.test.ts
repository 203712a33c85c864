import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsr } from '../../crypto/csr';
import { generatePrivateKey } from '../../crypto/keys';
import { describeCertificate } from '../../crypto/pem';
import { createLogger } from '../../logger';
import { SupplierError } from '../errors';
import type { OrderRequest } from '../supplier';
import { startFakeGoGetSsl, type FakeGoGetSsl } from '../../../test/fakes/gogetssl/server';
import type { GoGetSslSupplier } from './adapter';
import { definition } from './index';

let fake: FakeGoGetSsl;
let n = 0;

const create = () =>
  definition.create({ mode: 'test', credentials: fake.credentials, baseUrl: fake.url }, { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 1500 }) as GoGetSslSupplier;

async function request(cn: string, opts: { productId?: string; sans?: string[]; method?: 'email' | 'dns_cname' | 'dns_txt' | 'http' } = {}): Promise<OrderRequest> {
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  const names = [cn, ...(opts.sans ?? [])];
  const method = opts.method ?? 'email';
  return {
    idempotencyKey: `adapter-${++n}`,
    productId: opts.productId ?? '71',
    months: 12,
    csrPem: buildCsr({ privateKeyPem: key, subject: { commonName: cn }, altNames: names }),
    commonName: cn,
    dnsNames: names,
    dcv: names.map((domain) => ({ domain, method, ...(method === 'email' ? { email: `admin@${domain}` } : {}) })),
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44.2071234567', address1: '1 Road', city: 'London', state: 'London', postcode: 'N1 1AA', country: 'GB', organization: 'Analytical Ltd' },
  };
}

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as SupplierError);

beforeAll(async () => {
  fake = await startFakeGoGetSsl();
});
afterAll(() => fake.close());

describe('GoGetSSL adapter', () => {
  it('lists whole-year terms only, with the catalogue shapes', async () => {
    const products = await create().listProducts();
    const ids = products.map((p) => p.id);
    expect(ids).not.toContain('74'); // trial: monthly only
    const rapid = products.find((p) => p.id === '100')!;
    expect(rapid.prices.map((p) => p.months)).toEqual([12, 24]);
    expect(rapid.dcvMethods).toEqual(['email', 'dns_txt', 'http']);
    const multi = products.find((p) => p.id === '73')!;
    expect(multi).toMatchObject({ includedDomains: 3, maxDomains: 248, extraDomainPrices: [{ months: 12, cost: { amount: '5.50', currency: 'USD' } }, { months: 24, cost: { amount: '10.45', currency: 'USD' } }] });
    expect(products.find((p) => p.id === '66')!.validation).toBe('EV');
    expect(products.find((p) => p.id === '64')!.validation).toBe('OV');
    expect(products.find((p) => p.id === '72')!.wildcard).toBe(true);
  });

  it('asks the GeoTrust list for DigiCert-family brands', async () => {
    const emails = await create().approverEmails('100', '*.shop.example.org');
    expect(emails).toContain('admin@shop.example.org');
    expect(fake.requests().at(-1)!.path).toBe('/api/tools/domain/emails/geotrust');
  });

  it('sends SANs as aligned comma lists and returns their DNS and HTTP instructions', async () => {
    const supplier = create();
    const req = await request('multi.example.com', { productId: '73', sans: ['www.multi.example.com', 'shop.example.com'], method: 'dns_cname' });
    req.dcv[2] = { domain: 'shop.example.com', method: 'http' };
    const placed = await supplier.placeOrder(req);
    const sent = fake.requests().filter((r) => r.path === '/api/orders/add_ssl_order/').at(-1)!;
    expect(sent.query.auth_key).toBeTruthy();
    expect(sent.form).toMatchObject({ product_id: '73', period: '12', dcv_method: 'dns', webserver_type: '-1', dns_names: 'www.multi.example.com,shop.example.com', approver_emails: 'dns,http', admin_email: 'ada@example.com', tech_email: 'ada@example.com' });
    expect(placed.dcv[0]).toMatchObject({ domain: 'multi.example.com', method: 'dns_cname', status: 'pending', dns: { type: 'CNAME' } });
    expect(placed.dcv[0].dns!.host).toMatch(/^_[0-9a-f]{32}\.multi\.example\.com$/);
    expect(placed.dcv[0].dns!.value).toMatch(/\.sectigo\.com$/);
    const http = placed.dcv.find((d) => d.domain === 'shop.example.com')!;
    expect(http).toMatchObject({ method: 'http', http: { url: expect.stringMatching(/^http:\/\/shop\.example\.com\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/) } });
    expect(http.http!.content.split('\n')).toHaveLength(3);

    fake.issue(placed.supplierOrderId);
    const done = await supplier.getOrder(placed.supplierOrderId);
    expect(done.status).toBe('issued');
    expect(describeCertificate(done.certificatePem!).dnsNames).toEqual(['multi.example.com', 'www.multi.example.com', 'shop.example.com']);
    expect(done.chainPems!.map((p) => describeCertificate(p).subjectCommonName)).toEqual([expect.stringContaining('Fake GoGetSSL'), expect.stringContaining('Fake GoGetSSL')]);
    expect(done.dcv.every((d) => d.status === 'valid')).toBe(true);
  });

  it('reads TXT records for DigiCert-family brands', async () => {
    const placed = await create().placeOrder(await request('txt.example.com', { productId: '100', method: 'dns_txt' }));
    expect(placed.dcv[0]).toMatchObject({ method: 'dns_txt', dns: { host: '_dnsauth.txt.example.com', type: 'TXT' } });
    expect(fake.requests().filter((r) => r.path === '/api/orders/add_ssl_order/').at(-1)!.form.webserver_type).toBe('18');
  });

  it('finds an accepted order after a lost answer even from a fresh process', async () => {
    const req = await request('restart.example.com');
    const before = fake.orderCount();
    fake.setFault({ kind: 'acceptThenTimeout' });
    expect((await failure(create().placeOrder(req)))?.code).toBe('temporary');
    fake.setFault(null);
    const again = await create().placeOrder(req); // a new instance: nothing in memory
    expect(fake.orderCount()).toBe(before + 1);
    expect(again.supplierOrderId).toBe(String([...fake.store.orders.keys()].at(-1)));
    expect(again.status).toBe('pending_validation');
  });

  it('still places a second purchase of the same CSR under another key in the same process', async () => {
    const supplier = create();
    const req = await request('samecsr.example.com');
    const first = await supplier.placeOrder(req);
    const second = await supplier.placeOrder({ ...req, idempotencyKey: `${req.idempotencyKey}-b` });
    expect(second.supplierOrderId).not.toBe(first.supplierOrderId);
  });

  it('shares one placement between concurrent calls with the same key', async () => {
    const supplier = create();
    const req = await request('concurrent.example.com');
    const before = fake.orderCount();
    const [a, b] = await Promise.all([supplier.placeOrder(req), supplier.placeOrder(req)]);
    expect(a.supplierOrderId).toBe(b.supplierOrderId);
    expect(fake.orderCount()).toBe(before + 1);
  });

  it('reissues, renews under a new id, changes validation, resends and reads the balance', async () => {
    const supplier = create();
    const req = await request('life.example.com');
    const placed = await supplier.placeOrder(req);

    const changed = await supplier.changeValidation(placed.supplierOrderId, [{ domain: 'life.example.com', method: 'dns_cname' }]);
    expect(changed.dcv[0]).toMatchObject({ method: 'dns_cname', dns: { type: 'CNAME' } });
    await supplier.changeValidation(placed.supplierOrderId, [{ domain: 'life.example.com', method: 'email', email: 'webmaster@life.example.com' }]);
    await supplier.resendValidation(placed.supplierOrderId);
    expect(fake.order(placed.supplierOrderId).resent).toBe(1);
    await supplier.resendValidation(placed.supplierOrderId, 'hostmaster@life.example.com');
    expect(fake.order(placed.supplierOrderId).approverEmail).toBe('hostmaster@life.example.com');

    fake.issue(placed.supplierOrderId);
    const next = await request('life.example.com', { method: 'http' });
    const reissued = await supplier.reissue(placed.supplierOrderId, next);
    expect(reissued).toMatchObject({ status: 'pending_validation', rawStatus: 'reissue' });
    expect(reissued.certificatePem).toBeDefined(); // the previous certificate stays available
    expect(reissued.dcv[0]).toMatchObject({ method: 'http', http: { fileName: expect.stringMatching(/\.txt$/) } });

    const balanceBefore = await supplier.balance();
    const renewed = await supplier.renew(placed.supplierOrderId, { ...next, idempotencyKey: 'renew-life' });
    expect(renewed.supplierOrderId).not.toBe(placed.supplierOrderId);
    expect(fake.order(renewed.supplierOrderId).renew).toBe(true);
    const balanceAfter = await supplier.balance();
    expect(Number(balanceBefore.amount) - Number(balanceAfter.amount)).toBeCloseTo(3.95);
    expect(balanceAfter.currency).toBe('USD');
  });

  it('keeps GoGetSSL statuses it does not know as unknown, with a message', async () => {
    const supplier = create();
    const placed = await supplier.placeOrder(await request('odd.example.com'));
    fake.setStatus(placed.supplierOrderId, 'on_hold_by_ca');
    const s = await supplier.getOrder(placed.supplierOrderId);
    expect(s).toMatchObject({ status: 'unknown', rawStatus: 'on_hold_by_ca' });
    expect(s.message).toContain('on_hold_by_ca');
  });

  it('turns refusals into SupplierErrors with staff messages', async () => {
    const supplier = create();
    const bad = await request('bad.example.com');
    const e1 = await failure(supplier.placeOrder({ ...bad, dcv: [{ domain: 'bad.example.com', method: 'email', email: 'admin@elsewhere.example' }] }));
    expect({ code: e1?.code, kind: e1?.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(e1?.message).toMatch(/^GoGetSSL says: DCV error: Approver email admin@elsewhere\.example is not valid/);
    const e2 = await failure(supplier.placeOrder({ ...bad, idempotencyKey: 'no-email', dcv: [{ domain: 'bad.example.com', method: 'email' }] }));
    expect({ code: e2?.code, kind: e2?.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect((await failure(supplier.getOrder('SBX-1')))?.code).toBe('not_found');
    expect('revoke' in supplier).toBe(false); // not in GoGetSSL's API; capabilities.revoke is false
    const issued = await supplier.placeOrder(await request('locked.example.com'));
    fake.issue(issued.supplierOrderId);
    const e3 = await failure(supplier.changeValidation(issued.supplierOrderId, [{ domain: 'locked.example.com', method: 'http' }]));
    expect({ code: e3?.code, kind: e3?.kind }).toEqual({ code: 'temporary', kind: 'transient' });
  });

  it('checks the connection with a fresh login and shows the balance', async () => {
    const before = fake.logins();
    const r = await create().checkConnection();
    expect(r.detail).toMatch(/^Signed in to GoGetSSL; account balance \d+\.\d{2} USD$/);
    expect(fake.logins()).toBe(before + 1);
  });
});
