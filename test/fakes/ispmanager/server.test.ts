/**
 * The fake's own wire behaviour, so the quirks the adapter relies on (and is tested against)
 * are pinned down: out switch, public price list, session auth, sok, generated keys, GET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsr } from '../../../server/crypto/csr';
import { IspmanagerApi } from '../../../server/suppliers/ispmanager/api';
import { csrFor, orderFor, startHarness, type Harness } from './harness';
import { IspmanagerClient } from '../../../server/suppliers/ispmanager/client';
import { HttpTransport } from '../../../server/suppliers/http';
import { Limiter } from '../../../server/suppliers/limiter';

let h: Harness;
let auth: string;
beforeAll(async () => {
  h = await startHarness();
  auth = `authinfo=${encodeURIComponent(`${h.fake.credentials.email}:${h.fake.credentials.password}`)}`;
});
afterAll(() => h.close());

const get = async (query: string) => {
  const res = await fetch(`${h.fake.url}?${query}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

describe('fake ispmanager wire format', () => {
  it('answers per out: bjson flat, json under doc with $, xml, and the HTML panel without out', async () => {
    expect(JSON.parse((await get(`${auth}&func=certificate.edit&elid=1&out=bjson`)).body)).toEqual({ error: { type: 'missed', object: 'elid', msg: 'Certificate 1 not found' } });
    expect(JSON.parse((await get(`${auth}&func=certificate.edit&elid=1&out=json`)).body)).toEqual({ doc: { error: { $type: 'missed', $object: 'elid', msg: { $: 'Certificate 1 not found' } } } });
    const xml = await get(`${auth}&func=pricelist.export&itemtype=certificate&out=xml`);
    expect(xml.body).toContain('<doc><pricelist><id>5001</id>');
    const html = await get(`${auth}&func=certificate`);
    expect(html).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
  });

  it('business errors are HTTP 200; the price list needs no credentials; bad credentials are refused', async () => {
    expect((await get('func=pricelist.export&itemtype=certificate&out=bjson')).body).toContain('"pricelist"');
    const refused = await get('authinfo=reseller%40example.net:wrong&func=certificate&out=bjson');
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body).error.type).toBe('auth');
  });

  it('supports func=auth sessions as an alternative to authinfo', async () => {
    const { email, password } = h.fake.credentials;
    const session = JSON.parse((await get(`func=auth&username=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}&out=bjson`)).body).auth;
    expect(JSON.parse((await get(`auth=${session}&func=certificate&out=bjson`)).body)).toHaveProperty('elem');
  });

  it('without sok an order function only returns its form; without skipbasket the order waits unpaid', async () => {
    const { csrPem } = await csrFor(['form.example']);
    const before = h.fake.orderCount();
    const form = await get(`${auth}&func=certificate.order.param&pricelist=5001&period=12&crt_type=manual&out=bjson&csr=${encodeURIComponent(csrPem)}`);
    expect(JSON.parse(form.body)).toEqual({ pricelist: '5001', period: '12', crt_type: 'manual' });
    expect(h.fake.orderCount()).toBe(before);

    const contacts = ['adm', 'tech'].map((p) => `${p}_fname=A&${p}_lname=B&${p}_jtitle=C&${p}_email=a%40form.example&${p}_phone=1`).join('&');
    const balance = h.fake.balance();
    // A GET with the alt names joined by %20, as the article shows.
    const basket = await get(`${auth}&func=certificate.order.param&sok=ok&pricelist=5001&period=12&crt_type=manual&out=bjson&approver_email_1=admin%40form.example&${contacts}&csr=${encodeURIComponent(csrPem)}`);
    expect(JSON.parse(basket.body)).toEqual({ ok: true });
    const stored = h.fake.certificate(String(4100000 + h.fake.orderCount()))!;
    expect(stored).toMatchObject({ itemStatus: '1', serviceStatus: '0', cost: 0 });
    expect(h.fake.balance()).toBe(balance);
    expect((await h.supplier.getOrder(stored.id)).status).toBe('unknown');
  });

  it('generates a key and CSR in step 1 and orders with them in step 2', async () => {
    const { email, password } = h.fake.credentials;
    const transport = new HttpTransport({ supplier: 'ispmanager', displayName: 'ispmanager', limiter: new Limiter(1), callLog: { record: () => undefined }, timeoutMs: 2000 });
    const api = new IspmanagerApi(new IspmanagerClient({ baseUrl: h.fake.url, email, password, transport }));
    const subject = { country: '182', commonName: 'gen.example', state: 'Moscow', city: 'Moscow', organization: 'Gen LLC' };
    const { csrPem, keyPem } = await api.generateKeyAndCsr('5002', 12, subject, ['www.gen.example']);
    expect(parseCsr(csrPem).dnsNames).toEqual(['gen.example', 'www.gen.example']);
    expect(keyPem).toContain('PRIVATE KEY');
    const contact = { firstName: 'A', lastName: 'B', jobTitle: 'C', email: 'a@gen.example', phone: '1' };
    const { itemId } = await api.orderWithGeneratedKey({
      pricelist: '5002',
      months: 12,
      subject,
      csrPem,
      keyPem,
      altNames: ['www.gen.example'],
      approverMethod: 'auth_email',
      approverEmails: ['admin@gen.example', 'admin@gen.example'],
      addon: { id: '55364', count: 1 },
      admin: contact,
      tech: contact,
    });
    expect(itemId).toBeUndefined(); // a bare ok, as real answers often are
    const [listed] = (await api.listCertificates()).filter((c) => c.commonName === 'gen.example');
    expect(h.fake.certificate(listed.id)).toMatchObject({ crtType: 'generate', altNames: ['www.gen.example'], addonCount: 1 });
  });

  it('keeps deleted certificates listed with status 4', async () => {
    const placed = await h.supplier.placeOrder(await orderFor(['gone.example']));
    await h.supplier.cancel(placed.supplierOrderId, 'test');
    const listed = JSON.parse((await get(`${auth}&func=certificate&out=bjson`)).body).elem.find((e: { id: string }) => e.id === placed.supplierOrderId);
    expect(listed.item_status).toBe('4');
  });
});
