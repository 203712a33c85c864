import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEnom, type FakeEnom, type FakeEnomOptions } from '../../../test/fakes/enom/server';
import { buildCsr } from '../../crypto/csr';
import { generatePrivateKey, publicKeyFingerprint } from '../../crypto/keys';
import { describeCertificate } from '../../crypto/pem';
import { createLogger } from '../../logger';
import { isSupplierError, type SupplierError } from '../errors';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import type { DcvMethod, OrderRequest } from '../supplier';
import { EnomSupplier } from './adapter';
import { EnomApi } from './api';
import { ENOM_PRODUCTS } from './catalogue';
import { EnomClient } from './client';
import { definition } from './index';
import { PurchaseLedger, orderTag } from './ledger';

let fake: FakeEnom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeEnomOptions = {}) {
  fake = await startFakeEnom(fakeOptions);
  const transport = new HttpTransport({ supplier: 'enom', displayName: 'Enom', limiter: new Limiter(4), callLog: { record: () => undefined }, timeoutMs: 1500 });
  const api = new EnomApi(new EnomClient({ endpoint: `${fake.url}/interface.asp`, uid: fake.credentials.uid, pw: fake.credentials.pw, transport }));
  const ledger = new PurchaseLedger();
  const clock = { t: Date.now() };
  const supplier = new EnomSupplier(api, {
    mode: 'test',
    account: fake.credentials.uid,
    endUserIp: '203.0.113.10',
    ledger,
    now: () => new Date(clock.t),
    sleep: async () => undefined,
    certLookup: { attempts: 3, delayMs: 0 },
    unknownPurchaseGraceMs: 60_000,
  });
  return { fake, api, supplier, ledger, clock };
}

let n = 0;
async function request(domain: string, opts: { productId?: string; months?: number; method?: DcvMethod; email?: string; dnsNames?: string[]; key?: string } = {}): Promise<{ req: OrderRequest; fingerprint: string }> {
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  const csrPem = buildCsr({ privateKeyPem: key, subject: { commonName: domain, organization: 'Beispiel GmbH', locality: 'Berlin', country: 'DE' }, altNames: [domain] });
  const method = opts.method ?? 'email';
  return {
    fingerprint: publicKeyFingerprint(key),
    req: {
      idempotencyKey: opts.key ?? `adapter-${process.pid}-${++n}`,
      productId: opts.productId ?? '23',
      months: opts.months ?? 12,
      csrPem,
      commonName: domain,
      dnsNames: opts.dnsNames ?? [domain],
      dcv: [{ domain, method, ...(method === 'email' ? { email: opts.email ?? `admin@${domain.replace(/^\*\./, '')}` } : {}) }],
      admin: { firstName: 'Anna', lastName: 'Admin', email: `anna@${domain.replace(/^\*\./, '')}`, phone: '+49.30 1234567', address1: 'Hauptstraße 1', city: 'Berlin', state: 'Berlin', postcode: '10115', country: 'de' },
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<SupplierError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!isSupplierError(e)) throw new Error(`expected a SupplierError, got ${String(e)}`);
  return e;
}

const sent = (f: FakeEnom, command: string) => f.received.filter((r) => r.command.toLowerCase() === command.toLowerCase());

describe('Enom catalogue and account', () => {
  it('prices each term from the yearly price of its PE_GetProductPrice bracket', async () => {
    const { supplier, fake } = await setup();
    fake.store.disabled.add(222);
    const products = await supplier.listProducts();
    const rapid = products.find((p) => p.id === '23')!;
    expect(rapid.prices).toEqual([
      { months: 12, cost: { amount: '9.95', currency: 'USD' } },
      { months: 24, cost: { amount: '17.90', currency: 'USD' } },
      { months: 36, cost: { amount: '26.85', currency: 'USD' } },
    ]);
    expect(rapid.dcvMethods).toEqual(['email', 'dns_txt', 'http']);
    expect(products.find((p) => p.id === '221')!.prices.map((p) => p.months)).toEqual([12, 24]);
    expect(products.find((p) => p.id === '222'), 'a product the account cannot buy').toBeUndefined();
    expect(products).toHaveLength(ENOM_PRODUCTS.length - 1);
  });

  it("uses cart product names Enom's AddToCart accepts, for every catalogue product", async () => {
    const { api } = await setup();
    for (const p of ENOM_PRODUCTS) await api.addToCart({ endUserIp: '203.0.113.10', productType: p.cartType, years: p.maxYears });
  });

  it('reads the balance Enom writes with thousands separators, and the connection check names the system', async () => {
    const { supplier } = await setup({ balance: 12345.5 });
    expect(await supplier.balance!()).toEqual({ amount: '12345.50', currency: 'USD' });
    expect((await supplier.checkConnection()).detail).toBe("Signed in to Enom's test system (resellertest) as resellid; available balance 12345.50 USD");
  });

  it('offers the CA-generic approvers before purchase (Enom lists them only per bought certificate)', async () => {
    const { supplier, fake } = await setup();
    expect(await supplier.approverEmails('23', 'www.shop.example')).toEqual(['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((l) => `${l}@shop.example`));
    expect(fake.requestCount()).toBe(0);
  });

  it('keeps to maxConcurrency while pricing the catalogue', async () => {
    fake = await startFakeEnom();
    const s = definition.create({ mode: 'test', credentials: fake.credentials, baseUrl: fake.url, maxConcurrency: 3 }, { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 1_000 });
    fake.setFault({ kind: 'latency', ms: 15 });
    await s.listProducts();
    expect(fake.maxInFlight()).toBeLessThanOrEqual(3);
    expect(fake.maxInFlight()).toBeGreaterThan(1);
  });
});

describe('Enom ordering', () => {
  it('runs cart → order → configure → purchase, with the tag in the Billing contact and Enom-format contacts', async () => {
    const { supplier, fake } = await setup();
    const { req } = await request('shop.example');
    const state = await supplier.placeOrder(req);
    expect(state).toMatchObject({ status: 'pending_validation', rawStatus: 'Processing (2)', dcv: [{ domain: 'shop.example', method: 'email', status: 'pending', email: 'admin@shop.example' }] });
    expect(fake.received.map((r) => r.command).filter((c) => !/^CertGet/i.test(c))).toEqual(['DeleteFromCart', 'AddToCart', 'InsertNewOrder', 'CertConfigureCert', 'CertPurchaseCert']);
    const configure = sent(fake, 'CertConfigureCert')[0].params;
    expect(configure.get('billingjobtitle')).toBe(orderTag(req.idempotencyKey));
    expect(configure.get('adminjobtitle')).toBe('Administrator');
    expect(configure.get('adminphone')).toBe('+49.301234567');
    expect(configure.get('admincountry')).toBe('DE');
    expect(configure.get('adminprovince')).toBe('Berlin');
    expect(configure.get('adminstateprovincechoice')).toBe('P');
    expect(configure.get('webservertype')).toBe('18');
    expect(sent(fake, 'AddToCart')[0].params.get('enduserip')).toBe('203.0.113.10');
    expect(fake.store.balanceCents).toBe(500_000 - 995);
  });

  it('sends the organisation block Comodo purchases need; Comodo e-mail validation waits as "Approval Email Sent"', async () => {
    const { supplier, fake } = await setup();
    const { req } = await request('comodo.example', { productId: '211' });
    const state = await supplier.placeOrder(req);
    expect(state).toMatchObject({ status: 'pending_validation', rawStatus: 'Approval Email Sent (9)' });
    const p = sent(fake, 'CertPurchaseCert')[0].params;
    expect([p.get('csrorganization'), p.get('csrlocality'), p.get('csrcountry'), p.get('csrpostalcode')]).toEqual(['Beispiel GmbH', 'Berlin', 'DE', '10115']);
    expect(sent(fake, 'CertConfigureCert')[0].params.get('webservertype')).toBe('1000');
  });

  it('returns DNS and file validation instructions from Enom\'s DNSAuth / FileAuth fields', async () => {
    const { supplier } = await setup();
    const dns = await supplier.placeOrder((await request('dns.example', { method: 'dns_txt' })).req);
    expect(dns.dcv[0]).toMatchObject({ domain: 'dns.example', method: 'dns_txt', status: 'pending', dns: { type: 'TXT' } });
    expect(dns.dcv[0].dns!.host).toMatch(/^s\d{14}\.dns\.example$/);
    expect(dns.dcv[0].dns!.value).toMatch(/^s23lx/);
    const file = await supplier.placeOrder((await request('file.example', { method: 'http' })).req);
    expect(file.dcv[0]).toMatchObject({ method: 'http', http: { url: 'http://file.example/.well-known/pki-validation/fileauth.txt', fileName: 'fileauth.txt' } });
    expect(file.dcv[0].http!.content).not.toContain('\r');
  });

  it('orders a wildcard with approvers of the base domain', async () => {
    const { supplier, fake } = await setup();
    const { req, fingerprint } = await request('*.wild.example', { productId: '285' });
    const placed = await supplier.placeOrder(req);
    expect(placed.dcv[0]).toMatchObject({ domain: '*.wild.example', email: 'admin@wild.example' });
    fake.issue(placed.supplierOrderId);
    const cert = describeCertificate((await supplier.getOrder(placed.supplierOrderId)).certificatePem!);
    expect(cert.dnsNames).toContain('*.wild.example');
    expect(cert.publicKeyFingerprint).toBe(fingerprint);
  });

  it('refuses what Enom cannot sell before spending money', async () => {
    const { supplier, fake } = await setup();
    const base = (await request('a.example')).req;
    const variant = async (domain: string, opts: Parameters<typeof request>[1]) => ({ ...(await request(domain, opts)).req, idempotencyKey: base.idempotencyKey });
    const cases: Array<[OrderRequest, string, string]> = [
      [await variant('a.example', { months: 48 }), 'permanent', 'Enom sells RapidSSL for 1 to 3 years, not 48 months'],
      [await variant('a.example', { productId: '999' }), 'permanent', "not in certbridge's Enom catalogue"],
      [await variant('a.example', { dnsNames: ['a.example', 'www.a.example', 'b.example'] }), 'action_required', 'remove b.example'],
      [await variant('a.example', { productId: '211', method: 'dns_txt' }), 'action_required', 'Enom validates Comodo Essential SSL by email only'],
      [await variant('a.example', { productId: '285' }), 'action_required', 'must start with "*."'],
      [await variant('*.a.example', { productId: '23' }), 'action_required', 'cannot start with "*."'],
      [{ ...base, csrPem: 'hello' }, 'action_required', 'CSR'],
    ];
    for (const [req, kind, text] of cases) {
      const e = await refusal(supplier.placeOrder(req));
      expect(e.kind, e.message).toBe(kind);
      expect(e.message).toContain(text);
    }
    expect(fake.requestCount()).toBe(0);
  });

  it('reports a real shortage of funds as insufficient_funds, creating no order', async () => {
    const { supplier, fake } = await setup({ balance: 5 });
    const e = await refusal(supplier.placeOrder((await request('poor.example')).req));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'insufficient_funds', kind: 'permanent' });
    expect(e.message).toBe('Enom says: Insufficient funds in account to complete this order — add funds to your Enom account balance, then retry the order');
    expect(fake.orderCount()).toBe(0);
  });
});

describe('Enom purchase idempotency', () => {
  it('asks again for an approver Enom does not offer, then resumes on the same certificate', async () => {
    const { supplier, fake } = await setup();
    const { req } = await request('pick.example', { email: 'someone@pick.example' });
    const e = await refusal(supplier.placeOrder(req));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(e.message).toContain('choose one of: registrant@pick.example, admin@pick.example');
    expect(sent(fake, 'CertPurchaseCert')).toHaveLength(0);
    const fixed = await supplier.placeOrder({ ...req, dcv: [{ domain: 'pick.example', method: 'email', email: 'webmaster@pick.example' }] });
    expect(fixed.dcv[0].email).toBe('webmaster@pick.example');
    expect(fake.orderCount()).toBe(1);
  });

  it('finds the certificate of an order Enom lists late, without buying again', async () => {
    const { supplier, fake, ledger } = await setup();
    const { req } = await request('lag.example');
    fake.setListingLag(10);
    const e = await refusal(supplier.placeOrder(req));
    expect(e.message).toMatch(/^Enom accepted order 267562001 but has not listed its certificate yet/);
    expect(ledger.get(req.idempotencyKey)?.orderId).toBe('267562001');
    fake.setListingLag(0);
    const placed = await supplier.placeOrder(req);
    expect(placed.status).toBe('pending_validation');
    expect(fake.orderCount()).toBe(1);
    expect(ledger.get(req.idempotencyKey)).toBeUndefined();
  });

  it('gives each of two unanswered purchases its own certificate', async () => {
    const { supplier, fake } = await setup();
    const a = (await request('first.example')).req;
    const b = (await request('second.example')).req;
    fake.setFault({ kind: 'acceptThenTimeout' });
    expect((await refusal(supplier.placeOrder(a))).kind).toBe('transient');
    expect((await refusal(supplier.placeOrder(b))).kind).toBe('transient');
    fake.setFault(null);
    const placedB = await supplier.placeOrder(b);
    const placedA = await supplier.placeOrder(a);
    expect(fake.orderCount()).toBe(2);
    expect(fake.cert(placedA.supplierOrderId)!.domainName).toBe('first.example');
    expect(fake.cert(placedB.supplierOrderId)!.domainName).toBe('second.example');
    expect(Number(placedA.supplierOrderId)).toBeLessThan(Number(placedB.supplierOrderId));
  });

  it("leaves someone else's unconfigured certificates alone", async () => {
    const { supplier, fake } = await setup();
    fake.store.addToCart('Certificate-RapidSSL-RapidSSL', 23, 1);
    const { certIds } = fake.store.insertOrder(995, new Date());
    const placed = await supplier.placeOrder((await request('mine.example')).req);
    expect(placed.supplierOrderId).not.toBe(String(certIds[0]));
    expect(fake.cert(certIds[0])!.domainName).toBe('');
    expect(fake.orderCount()).toBe(2);
  });

  it('waits for a purchase whose answer was lost, then buys once nothing appeared', async () => {
    const { supplier, fake, ledger, clock } = await setup();
    const { req } = await request('lost.example');
    ledger.set(req.idempotencyKey, { prodType: 23, startedAt: clock.t, before: new Set() });
    const e = await refusal(supplier.placeOrder(req));
    expect(e.message).toMatch(/did not answer the purchase of RapidSSL and has not listed a new certificate yet/);
    expect(fake.orderCount()).toBe(0);
    clock.t += 61_000;
    expect((await supplier.placeOrder(req)).status).toBe('pending_validation');
    expect(fake.orderCount()).toBe(1);
  });

  it('never submits twice: a repeat after submission returns the submitted certificate', async () => {
    const { supplier, fake } = await setup();
    const { req } = await request('again.example');
    const first = await supplier.placeOrder(req);
    const again = await supplier.placeOrder(req);
    expect(again.supplierOrderId).toBe(first.supplierOrderId);
    expect(sent(fake, 'CertPurchaseCert')).toHaveLength(1);
    expect(sent(fake, 'CertConfigureCert')).toHaveLength(1);
  });
});

describe('Enom status, reissue and validation changes', () => {
  it('returns the certificate for the CSR with the chain from CACerts, and later reports it expired', async () => {
    const { supplier, fake } = await setup();
    const { req, fingerprint } = await request('live.example');
    const placed = await supplier.placeOrder(req);
    fake.issue(placed.supplierOrderId);
    const issued = await supplier.getOrder(placed.supplierOrderId);
    expect(issued).toMatchObject({ status: 'issued', rawStatus: 'Certificate Issued (4)', dcv: [{ status: 'valid' }] });
    expect(describeCertificate(issued.certificatePem!).publicKeyFingerprint).toBe(fingerprint);
    expect(issued.chainPems).toEqual([fake.caCertificates().intermediate.certificatePem]);
    fake.expire(placed.supplierOrderId);
    expect((await supplier.getOrder(placed.supplierOrderId)).status).toBe('expired');
  });

  it("carries Enom's status detail on a rejection", async () => {
    const { supplier, fake } = await setup();
    const placed = await supplier.placeOrder((await request('no.example')).req);
    fake.reject(placed.supplierOrderId);
    expect(await supplier.getOrder(placed.supplierOrderId)).toMatchObject({ status: 'rejected', message: 'The domain owner declined the certificate request', dcv: [{ status: 'failed' }] });
  });

  it('treats an id that is not a CertID as not found without asking Enom', async () => {
    const { supplier, fake } = await setup();
    expect((await refusal(supplier.getOrder('SBX-1'))).code).toBe('not_found');
    expect(fake.requestCount()).toBe(0);
  });

  it('reissues a GeoTrust-family certificate with a new key for the same name', async () => {
    const { supplier, fake } = await setup();
    const placed = await supplier.placeOrder((await request('re.example')).req);
    fake.issue(placed.supplierOrderId);
    const next = await request('re.example');
    const pending = await supplier.reissue!(placed.supplierOrderId, { csrPem: next.req.csrPem, commonName: 're.example', dnsNames: ['re.example'], dcv: next.req.dcv });
    expect(pending).toMatchObject({ status: 'pending_validation', rawStatus: 'Certificate Issued (4), reissue: Pending' });
    fake.issue(placed.supplierOrderId);
    const done = await supplier.getOrder(placed.supplierOrderId);
    expect(describeCertificate(done.certificatePem!).publicKeyFingerprint).toBe(next.fingerprint);
    expect(sent(fake, 'CertParseCSR')).toHaveLength(1);

    const other = await request('other.example');
    const e = await refusal(supplier.reissue!(placed.supplierOrderId, { csrPem: other.req.csrPem, commonName: 'other.example', dnsNames: ['other.example'], dcv: other.req.dcv }));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
  });

  it('sends Comodo reissues to an Enom support ticket', async () => {
    const { supplier, fake } = await setup();
    const placed = await supplier.placeOrder((await request('c.example', { productId: '211' })).req);
    fake.issue(placed.supplierOrderId);
    const e = await refusal(supplier.reissue!(placed.supplierOrderId, { csrPem: (await request('c.example')).req.csrPem, commonName: 'c.example', dnsNames: ['c.example'], dcv: [] }));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'unsupported', kind: 'permanent' });
    expect(e.message).toContain('support ticket');
    expect(sent(fake, 'CertReissueCert')).toHaveLength(0);
  });

  it('resends and changes the approver e-mail, and refuses to switch methods', async () => {
    const { supplier, fake } = await setup();
    const placed = await supplier.placeOrder((await request('mail.example', { productId: '211' })).req);
    await supplier.resendValidation!(placed.supplierOrderId);
    const changed = await supplier.changeValidation!(placed.supplierOrderId, [{ domain: 'mail.example', method: 'email', email: 'hostmaster@mail.example' }]);
    expect(changed.dcv[0].email).toBe('hostmaster@mail.example');
    expect(fake.cert(placed.supplierOrderId)!.approverEmail).toBe('hostmaster@mail.example');
    const wrong = await refusal(supplier.changeValidation!(placed.supplierOrderId, [{ domain: 'mail.example', method: 'email', email: 'ceo@mail.example' }]));
    expect({ code: wrong.code, kind: wrong.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(wrong.message).toContain('choose one of: registrant@mail.example');
    const e = await refusal(supplier.changeValidation!(placed.supplierOrderId, [{ domain: 'mail.example', method: 'dns_txt' }]));
    expect(e.code).toBe('unsupported');

    const dns = await supplier.placeOrder((await request('txt.example', { method: 'dns_txt' })).req);
    expect((await refusal(supplier.resendValidation!(dns.supplierOrderId))).code).toBe('unsupported');
  });
});
