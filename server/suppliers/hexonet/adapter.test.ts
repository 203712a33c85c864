import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHexonet, type FakeHexonet } from '../../../test/fakes/hexonet/server';
import { buildCsr } from '../../crypto/csr';
import { generatePrivateKey, publicKeyFingerprint } from '../../crypto/keys';
import { describeCertificate } from '../../crypto/pem';
import { createLogger } from '../../logger';
import { isSupplierError } from '../errors';
import type { DcvMethod, OrderRequest } from '../supplier';
import type { HexonetSupplier } from './adapter';
import { definition } from './index';

let fake: FakeHexonet;
let hx: HexonetSupplier;
let n = 0;
const context = { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 2000 };

beforeAll(async () => {
  fake = await startFakeHexonet();
  hx = definition.create({ mode: 'test', credentials: fake.credentials, baseUrl: fake.url }, context) as HexonetSupplier;
});
afterAll(() => fake.close());

async function csrFor(domain: string) {
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  return { key, csrPem: buildCsr({ privateKeyPem: key, subject: { commonName: domain, organization: 'Test Ltd', country: 'DE' }, altNames: [domain] }) };
}

async function request(domain: string, opts: { productId?: string; method?: DcvMethod; csrPem?: string } = {}): Promise<OrderRequest> {
  const csrPem = opts.csrPem ?? (await csrFor(domain)).csrPem;
  const method = opts.method ?? 'email';
  return {
    idempotencyKey: `adapter-${++n}`,
    productId: opts.productId ?? 'COMODO_POSITIVESSL',
    months: 12,
    csrPem,
    commonName: domain,
    dnsNames: [domain],
    dcv: [{ domain, method, ...(method === 'email' ? { email: `admin@${domain}` } : {}) }],
    admin: { firstName: 'Anna', lastName: 'Admin', organization: 'Test Ltd', email: `anna@${domain}`, phone: '+49.301234567', address1: 'Hauptstraße 1', city: 'Berlin', state: 'Berlin', postcode: '10115', country: 'DE' },
  };
}

const errorOf = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!isSupplierError(e)) throw new Error(`expected a SupplierError, got ${String(e)}`);
  return e;
};

describe('HEXONET catalogue', () => {
  it('lists only known classes the account prices, in the account currency HEXONET debits', async () => {
    const products = await hx.listProducts();
    expect(products.map((p) => p.id).sort()).toEqual(['COMODO_ESSENTIALSSL', 'COMODO_ESSENTIALSSL_WILDCARD', 'COMODO_POSITIVESSL', 'GEOTRUST_RAPIDSSL', 'SYMANTEC_SECURESITE_EV', 'THAWTE_SSL123']);
    const positive = products.find((p) => p.id === 'COMODO_POSITIVESSL')!;
    expect(positive).toMatchObject({ name: 'Sectigo PositiveSSL', brand: 'Sectigo', validation: 'DV', wildcard: false, dcvMethods: ['email', 'dns_cname', 'http'] });
    // 7.50 USD at 1.0765 USD per EUR.
    expect(positive.prices).toEqual([
      { months: 12, cost: { amount: '6.97', currency: 'EUR' } },
      { months: 24, cost: { amount: '13.93', currency: 'EUR' } },
      { months: 36, cost: { amount: '20.90', currency: 'EUR' } },
    ]);
    expect(products.find((p) => p.id === 'THAWTE_SSL123')!.prices[0].cost).toEqual({ amount: '29.00', currency: 'EUR' }); // …_ANNUAL1 relation
    expect(products.find((p) => p.id === 'SYMANTEC_SECURESITE_EV')).toMatchObject({ validation: 'EV', dcvMethods: ['email'], prices: [{ months: 12, cost: { amount: '581.53', currency: 'EUR' } }, {}, {}] });
  });

  it('charges what it lists', async () => {
    const before = fake.balance();
    await hx.placeOrder(await request('charge.example'));
    expect((before - fake.balance()).toFixed(2)).toBe('6.97');
    expect(await hx.balance()).toEqual({ amount: fake.balance().toFixed(2), currency: 'EUR' });
  });

  it('keeps the class currency when HEXONET has no exchange rate for it', async () => {
    const noRates = await startFakeHexonet({ rates: {}, prices: { COMODO_POSITIVESSL: { annual: 7.5, currency: 'USD' } } });
    try {
      const s = definition.create({ mode: 'test', credentials: noRates.credentials, baseUrl: noRates.url }, context);
      expect((await s.listProducts())[0].prices[0].cost).toEqual({ amount: '7.50', currency: 'USD' });
    } finally {
      await noRates.close();
    }
  });

  it('lists approver addresses once each, without the CA support desk', async () => {
    expect(await hx.approverEmails('GEOTRUST_RAPIDSSL', '*.shop.example')).toEqual(['info@shop.example', 'admin@shop.example', 'administrator@shop.example', 'hostmaster@shop.example', 'webmaster@shop.example', 'postmaster@shop.example']);
  });
});

describe('HEXONET orders', () => {
  it('returns DNS and file validation instructions from the order', async () => {
    const dns = await hx.placeOrder(await request('dns.example', { method: 'dns_cname' }));
    expect(dns.dcv[0]).toMatchObject({ domain: 'dns.example', method: 'dns_cname', status: 'pending', dns: { type: 'CNAME' } });
    expect(dns.dcv[0].dns!.host).toMatch(/^_[0-9a-f]{32}\.dns\.example\.$/);
    const txt = await hx.placeOrder(await request('txt.example', { method: 'dns_txt', productId: 'GEOTRUST_RAPIDSSL' }));
    expect(txt.dcv[0]).toMatchObject({ method: 'dns_txt', dns: { host: 'txt.example.', type: 'TXT' } });
    const http = await hx.placeOrder(await request('file.example', { method: 'http' }));
    expect(http.dcv[0]).toMatchObject({ method: 'http', http: { url: expect.stringMatching(/^http:\/\/file\.example\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/) } });
    expect(fake.cert(http.supplierOrderId)?.validations[0].method).toBe('URL');
  });

  it('refuses what HEXONET would refuse, before ordering', async () => {
    const before = fake.orderCount();
    expect(await errorOf(hx.placeOrder(await request('ev.example', { productId: 'SYMANTEC_SECURESITE_EV', method: 'dns_txt' })))).toMatchObject({ code: 'invalid_request', kind: 'action_required' });
    expect(await errorOf(hx.placeOrder({ ...(await request('x.example')), months: 18 }))).toMatchObject({ code: 'invalid_request', kind: 'permanent' });
    expect(await errorOf(hx.placeOrder(await request('x.example', { productId: 'NOPE_SSL' })))).toMatchObject({ code: 'invalid_request' });
    expect(fake.orderCount()).toBe(before);
  });

  it('orders again with the same CSR after the first order failed', async () => {
    const req = await request('again.example');
    const first = await hx.placeOrder(req);
    fake.reject(first.supplierOrderId);
    const second = await hx.placeOrder({ ...req, idempotencyKey: 'a-new-order' });
    expect(second.supplierOrderId).not.toBe(first.supplierOrderId);
  });

  it('reports a status it does not know as unknown, keeping the raw value', async () => {
    const placed = await hx.placeOrder(await request('odd.example'));
    fake.cert(placed.supplierOrderId)!.status = 'PENDINGSOMETHING';
    expect(await hx.getOrder(placed.supplierOrderId)).toMatchObject({ status: 'unknown', rawStatus: 'PENDINGSOMETHING' });
  });

  it('reissues with a new CSR and counts the order issued only once the new key is in the certificate', async () => {
    const placed = await hx.placeOrder(await request('reissue.example'));
    fake.issue(placed.supplierOrderId);
    const { key, csrPem } = await csrFor('reissue.example');
    const pending = await hx.reissue(placed.supplierOrderId, { csrPem, dnsNames: ['reissue.example'], dcv: [{ domain: 'reissue.example', method: 'dns_cname' }] });
    expect(pending).toMatchObject({ supplierOrderId: placed.supplierOrderId, status: 'pending_validation', rawStatus: 'ACTIVE' });
    expect(pending.certificatePem).toBeUndefined();
    expect(pending.dcv[0].method).toBe('dns_cname');
    fake.issue(placed.supplierOrderId);
    const done = await hx.getOrder(placed.supplierOrderId);
    expect(done.status).toBe('issued');
    expect(describeCertificate(done.certificatePem!).publicKeyFingerprint).toBe(publicKeyFingerprint(key));
  });

  it('renews into a new certificate id once, and the old one becomes REPLACED', async () => {
    const req = await request('renew.example');
    const placed = await hx.placeOrder(req);
    fake.issue(placed.supplierOrderId);
    const renewReq = { ...req, idempotencyKey: 'renewal-1' };
    const renewed = await hx.renew(placed.supplierOrderId, renewReq);
    expect(renewed.supplierOrderId).not.toBe(placed.supplierOrderId);
    expect(renewed).toMatchObject({ status: 'pending_validation', rawStatus: 'REQUESTEDRENEW' });
    const count = fake.orderCount();
    expect((await hx.renew(placed.supplierOrderId, renewReq)).supplierOrderId).toBe(renewed.supplierOrderId);
    expect(fake.orderCount()).toBe(count);
    fake.issue(renewed.supplierOrderId);
    expect(await hx.getOrder(placed.supplierOrderId)).toMatchObject({ status: 'issued', rawStatus: 'REPLACED' });
  });

  it('revokes, resends the approver e-mail to a new address, and decodes a CSR', async () => {
    const a = await hx.placeOrder(await request('resend.example'));
    await hx.resendValidation(a.supplierOrderId, 'webmaster@resend.example');
    expect((await hx.getOrder(a.supplierOrderId)).dcv[0]).toMatchObject({ method: 'email', email: 'webmaster@resend.example' });
    fake.issue(a.supplierOrderId);
    await hx.revoke(a.supplierOrderId, 'key compromise');
    expect((await hx.getOrder(a.supplierOrderId)).status).toBe('revoked');
    expect(await errorOf(hx.revoke(a.supplierOrderId, 'again'))).toMatchObject({ code: 'invalid_request', kind: 'permanent' });
    const { csrPem } = await csrFor('decode.example');
    expect(await hx.decodeCsr(csrPem)).toEqual({ commonName: 'decode.example', alternateNames: [], organization: 'Test Ltd', country: 'DE' });
  });
});
