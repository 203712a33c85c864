import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrFor, orderFor, startHarness, type Harness } from '../../../test/fakes/ispmanager/harness';
import { describeCertificate } from '../../crypto/pem';
import { isSupplierError, type SupplierError } from '../errors';

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSupplierError(e), `expected a SupplierError, got ${String(e)}`).toBe(true);
  return e as SupplierError;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ balance: 10_000 });
});
afterAll(() => h.close());

const lastCall = (func: string) => h.fake.calls.filter((c) => c.func === func).at(-1)!;

describe('ispmanager catalogue', () => {
  it('lists every tariff with yearly costs in the account currency', async () => {
    const products = await h.supplier.listProducts();
    expect(products.map((p) => p.id)).toEqual(['5001', '5002', '5003', '5004', '5005']);
    expect(products.find((p) => p.id === '5001')!.prices).toEqual([
      { months: 12, cost: { amount: '9.90', currency: 'EUR' } },
      { months: 24, cost: { amount: '18.50', currency: 'EUR' } },
    ]);
    expect(products.find((p) => p.id === '5003')).toMatchObject({ wildcard: true, prices: [{ months: 12 }, { months: 24 }], dcvMethods: ['email', 'dns_txt', 'dns_cname'] });
    expect(products.find((p) => p.id === '5002')).toMatchObject({ maxDomains: 100, extraDomainPrices: [{ months: 12, cost: { amount: '12.50' } }, { months: 24 }] });
    expect(products.find((p) => p.id === '5004')!.validation).toBe('OV');
    expect(products.find((p) => p.id === '5005')!.validation).toBe('EV');
  });

  it('uses the region’s currency or the configured one', async () => {
    const rub = await startHarness({}, { credentials: { region: 'ru' } });
    const usd = await startHarness({}, { credentials: { currency: 'usd' } });
    try {
      expect((await rub.supplier.listProducts())[0].prices[0].cost.currency).toBe('RUB');
      expect((await usd.supplier.listProducts())[0].prices[0].cost.currency).toBe('USD');
    } finally {
      await Promise.all([rub.close(), usd.close()]);
    }
  });

  it('offers the five generic approver addresses and the country ids of the CSR form', async () => {
    expect(await h.supplier.approverEmails('5001', 'www.example.org')).toEqual(['admin@example.org', 'administrator@example.org', 'hostmaster@example.org', 'postmaster@example.org', 'webmaster@example.org']);
    expect(await h.supplier.countries('5001')).toContainEqual({ id: '182', name: 'Russian Federation' });
  });
});

describe('ispmanager orders', () => {
  it('orders a multi-domain certificate with its own CSR, paying for the extra names', async () => {
    const names = ['multi.example', 'www.multi.example', 'shop.multi.example'];
    const balance = h.fake.balance();
    const placed = await h.supplier.placeOrder(await orderFor(names));
    const sent = lastCall('certificate.order.param').params;
    expect(sent).toMatchObject({
      sok: 'ok',
      skipbasket: 'on',
      crt_type: 'manual',
      pricelist: '5002',
      period: '12',
      altname: 'www.multi.example shop.multi.example',
      altname_input: 'www.multi.example shop.multi.example',
      approver_method: 'auth_email',
      approver_email_1: 'admin@multi.example',
      approver_email_2: 'admin@www.multi.example',
      approver_email_3: 'admin@shop.multi.example',
      addon_55364: '2',
      adm_fname: 'Olga',
      tech_email: 'olga@host.example',
      adm_jtitle: 'Administrator',
    });
    expect(h.fake.balance()).toBe(balance - 74);
    expect(placed.status).toBe('pending_validation');
    expect(placed.dcv.map((d) => [d.domain, d.email])).toEqual(names.map((n) => [n, `admin@${n}`]));
  });

  it('refuses extra names on a single-name tariff before ordering anything', async () => {
    const before = h.fake.orderCount();
    const e = await failure(h.supplier.placeOrder(await orderFor(['one.example', 'two.example'], { productId: '5001' })));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(h.fake.orderCount()).toBe(before);
  });

  it('refuses what ispmanager cannot express: mixed methods, https, a CSR for another name, a missing approver', async () => {
    const mixed = await orderFor(['mix.example', 'www.mix.example']);
    mixed.dcv[1] = { domain: 'www.mix.example', method: 'dns_txt' };
    const https = await orderFor(['https.example'], { method: 'https' });
    const other = await orderFor(['a.example'], { csrPem: (await csrFor(['b.example'])).csrPem });
    const noEmail = await orderFor(['noemail.example']);
    noEmail.dcv = [{ domain: 'noemail.example', method: 'email' }];
    const before = h.fake.orderCount();
    for (const req of [mixed, https, other, noEmail]) {
      const e = await failure(h.supplier.placeOrder(req));
      expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    }
    expect(h.fake.orderCount()).toBe(before);
  });

  it('gives DNS TXT data and asks for a fresh DNS check', async () => {
    const placed = await h.supplier.placeOrder(await orderFor(['dns.example'], { method: 'dns_txt' }));
    expect(placed.dcv).toEqual([{ domain: 'dns.example', method: 'dns_txt', status: 'pending', dns: { host: 'dns.example', type: 'TXT', value: expect.stringMatching(/^_globalsign-domain-verification=/) } }]);
    await h.supplier.resendValidation(placed.supplierOrderId);
    expect(lastCall('certificate.dns_verify').params).toMatchObject({ elid: placed.supplierOrderId, domains: 'dns.example', sok: 'ok' });
    expect(h.fake.certificate(placed.supplierOrderId)!.dnsChecks).toBe(1);
  });

  it('gives CNAME and file data; file validation has no re-check call', async () => {
    const cname = await h.supplier.placeOrder(await orderFor(['cname.example'], { method: 'dns_cname' }));
    expect(cname.dcv[0].dns).toMatchObject({ host: expect.stringMatching(/^_[0-9a-f]{32}\.cname\.example$/), type: 'CNAME', value: expect.stringMatching(/\.sectigo\.com$/) });
    const file = await h.supplier.placeOrder(await orderFor(['file.example'], { method: 'http' }));
    expect(file.dcv[0].http).toMatchObject({ url: expect.stringMatching(/^http:\/\/file\.example\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/), content: expect.stringContaining('sectigo.com') });
    const e = await failure(h.supplier.resendValidation(file.supplierOrderId));
    expect(e.code).toBe('unsupported');
  });

  it('sends the approval e-mail again, to a new address if asked', async () => {
    const placed = await h.supplier.placeOrder(await orderFor(['mail.example', 'www.mail.example']));
    await h.supplier.resendValidation(placed.supplierOrderId, 'hostmaster@mail.example');
    expect(lastCall('certificate.domain_validation_email').params).toMatchObject({ elid: placed.supplierOrderId, approver_email_1: 'hostmaster@mail.example', approver_email_2: 'admin@www.mail.example' });
    expect((await h.supplier.getOrder(placed.supplierOrderId)).dcv[0].email).toBe('hostmaster@mail.example');
  });

  it('delivers the issued certificate with its chain, leaf first', async () => {
    const { csrPem, fingerprint } = await csrFor(['chain.example']);
    const placed = await h.supplier.placeOrder(await orderFor(['chain.example'], { csrPem }));
    h.fake.issue(placed.supplierOrderId);
    const done = await h.supplier.getOrder(placed.supplierOrderId);
    expect(done.status).toBe('issued');
    expect(describeCertificate(done.certificatePem!).publicKeyFingerprint).toBe(fingerprint);
    expect(done.chainPems).toEqual([h.fake.ca.intermediate.certificatePem]);
    expect(done.dcv[0].status).toBe('valid');
  });

  it('cancels with certificate.delete and the payment returns to the balance', async () => {
    const balance = h.fake.balance();
    const placed = await h.supplier.placeOrder(await orderFor(['refund.example']));
    expect(h.fake.balance()).toBeCloseTo(balance - 9.9);
    await h.supplier.cancel(placed.supplierOrderId, 'client changed their mind');
    expect(h.fake.balance()).toBeCloseTo(balance);
    expect((await h.supplier.getOrder(placed.supplierOrderId)).status).toBe('cancelled');
  });

  it('treats an id that is not a number as not found without asking', async () => {
    const before = h.fake.requestCount();
    expect((await failure(h.supplier.getOrder('SBX-1'))).code).toBe('not_found');
    expect(h.fake.requestCount()).toBe(before);
  });
});

describe('ispmanager reissue', () => {
  async function issued(names: string[]) {
    const placed = await h.supplier.placeOrder(await orderFor(names));
    h.fake.issue(placed.supplierOrderId);
    return placed.supplierOrderId;
  }

  it('reissues with the same CSR, then issues again', async () => {
    const id = await issued(['same.example']);
    const state = await h.supplier.reissue(id, { dcv: [{ domain: 'same.example', method: 'email', email: 'webmaster@same.example' }] });
    expect(lastCall('certificate.reissue.step2').params).toMatchObject({ elid: id, crt_type: 'oldrequest', approver_method: 'auth_email', approver_email_1: 'webmaster@same.example', sok: 'ok' });
    expect(state.status).toBe('pending_validation');
    h.fake.issue(id);
    expect((await h.supplier.getOrder(id)).status).toBe('issued');
  });

  it('reissues with a new CSR: the new certificate carries the new key', async () => {
    const id = await issued(['newkey.example']);
    const { csrPem, fingerprint } = await csrFor(['newkey.example']);
    await h.supplier.reissue(id, { csrPem, dcv: [{ domain: 'newkey.example', method: 'email', email: 'admin@newkey.example' }] });
    expect(lastCall('certificate.reissue.step2').params).toMatchObject({ crt_type: 'manual', csr: csrPem });
    h.fake.issue(id);
    expect(describeCertificate((await h.supplier.getOrder(id)).certificatePem!).publicKeyFingerprint).toBe(fingerprint);
  });

  it('reissues with new alt names within those bought, and says when more are needed', async () => {
    const id = await issued(['alt.example', 'www.alt.example']);
    const names = ['alt.example', 'shop.alt.example'];
    await h.supplier.reissue(id, { dnsNames: names, dcv: names.map((d) => ({ domain: d, method: 'email', email: `admin@${d}` })) });
    expect(lastCall('certificate.reissue.step2').params).toMatchObject({ crt_type: 'altname', altname: 'shop.alt.example', approver_email_2: 'admin@shop.alt.example' });
    h.fake.issue(id);
    expect(describeCertificate((await h.supplier.getOrder(id)).certificatePem!).dnsNames).toEqual(names);

    const more = ['alt.example', 'a.alt.example', 'b.alt.example'];
    const e = await failure(h.supplier.reissue(id, { dnsNames: more, dcv: more.map((d) => ({ domain: d, method: 'email', email: `admin@${d}` })) }));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'action_required' });
    expect(e.message).toMatch(/^ispmanager says: Only 1 additional domains were purchased — /);
  });

  it('refuses a new CSR and new names at once, and a new common name', async () => {
    const id = await issued(['fixed.example']);
    const { csrPem } = await csrFor(['fixed.example']);
    const dcv = [{ domain: 'fixed.example', method: 'email' as const, email: 'admin@fixed.example' }];
    expect((await failure(h.supplier.reissue(id, { csrPem, dnsNames: ['fixed.example', 'www.fixed.example'], dcv }))).code).toBe('unsupported');
    expect((await failure(h.supplier.reissue(id, { dnsNames: ['other.example'], dcv }))).code).toBe('unsupported');
  });
});

describe('ispmanager idempotency', () => {
  it('uses the id an answer carries, without looking it up afterwards', async () => {
    h.fake.setReturnItemId(true);
    try {
      const listsBefore = h.fake.calls.filter((c) => c.func === 'certificate').length;
      const placed = await h.supplier.placeOrder(await orderFor(['withid.example']));
      expect(h.fake.certificate(placed.supplierOrderId)!.commonName).toBe('withid.example');
      // One list: the check before ordering.
      expect(h.fake.calls.filter((c) => c.func === 'certificate').length).toBe(listsBefore + 1);
    } finally {
      h.fake.setReturnItemId(false);
    }
  });

  it('finds an order placed by another process (same CSR, tariff, term) instead of ordering again', async () => {
    const req = await orderFor(['elsewhere.example']);
    const first = await h.supplier.placeOrder(req);
    // Another key is what a process without this one's memory looks like to the adapter.
    const again = await h.supplier.placeOrder({ ...req, idempotencyKey: 'another-process-same-order' });
    expect(again.supplierOrderId).toBe(first.supplierOrderId);
  });

  it('orders again after a rejection or for another tariff, even with the same CSR', async () => {
    const req = await orderFor(['again.example']);
    const first = await h.supplier.placeOrder(req);
    h.fake.reject(first.supplierOrderId);
    const retry = await h.supplier.placeOrder({ ...req, idempotencyKey: 'after-rejection' });
    expect(retry.supplierOrderId).not.toBe(first.supplierOrderId);
    const other = await h.supplier.placeOrder({ ...req, idempotencyKey: 'other-tariff', productId: '5003' });
    expect(other.supplierOrderId).not.toBe(retry.supplierOrderId);
  });
});

describe('ispmanager idempotency edge cases', () => {
  it('compares names when ispmanager does not show the CSR, and ignores orders older than the window', async () => {
    let now = new Date('2026-01-10T10:00:00Z');
    const x = await startHarness({ showCsr: false, now: () => now });
    try {
      const req = await orderFor(['window.example']);
      const first = await x.supplier.placeOrder(req);
      expect((await x.supplier.placeOrder({ ...req, idempotencyKey: 'same-names' })).supplierOrderId).toBe(first.supplierOrderId);
      now = new Date('2026-01-20T10:00:00Z');
      expect((await x.supplier.placeOrder({ ...req, idempotencyKey: 'ten-days-later' })).supplierOrderId).not.toBe(first.supplierOrderId);
      expect(x.fake.orderCount()).toBe(2);
    } finally {
      await x.close();
    }
  });
});

describe('ispmanager account problems', () => {
  it('reports an IP outside the account’s allow-list', async () => {
    const x = await startHarness({ allowedIps: ['192.0.2.10'] });
    try {
      const e = await failure(x.supplier.checkConnection());
      expect(e.code).toBe('ip_not_allowed');
      expect(e.supplierText).toContain('127.0.0.1');
    } finally {
      await x.close();
    }
  });

  it('reports an empty balance without creating an order', async () => {
    const x = await startHarness({ balance: 5 });
    try {
      const e = await failure(x.supplier.placeOrder(await orderFor(['poor.example'])));
      expect({ code: e.code, kind: e.kind }).toEqual({ code: 'insufficient_funds', kind: 'permanent' });
      expect(e.message).toMatch(/top up the ispmanager account balance/);
      expect(x.fake.orderCount()).toBe(0);
    } finally {
      await x.close();
    }
  });

  it('keeps to the configured concurrency', async () => {
    const x = await startHarness({}, { maxConcurrency: 2 });
    try {
      x.fake.setFault({ kind: 'latency', ms: 40 });
      await Promise.all(Array.from({ length: 6 }, () => x.supplier.listProducts()));
      expect(x.fake.maxInFlight()).toBe(2);
      expect(x.fake.requestCount()).toBe(6);
    } finally {
      await x.close();
    }
  });
});
