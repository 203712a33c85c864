/**
 * The orders view: every certificate order with state, supplier, client, domain and expiry,
 * filters and paging, and one order's event history. Orders are made the way WHMCS makes
 * them, over the hook protocol with the sandbox CA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { adminClient, signIn, type AdminClient } from '../support/admin';

let srv: TestServer;
let api: AdminClient;
const contact = { firstname: 'Łukasz', lastname: 'Żółkiewski', orgname: 'Żółw Hosting Sp. z o.o.', email: 'lukasz@zolw.example', address1: 'ul. Świętokrzyska 7', city: 'Warszawa', state: 'Mazowieckie', postcode: '00-049', country: 'PL', phonenumber: '+48.221234567' };

beforeAll(async () => {
  srv = await startTestServer({ label: 'admin_orders' });
  api = adminClient(srv.running.app.http, await signIn(srv));
  for (const [serviceid, userid] of [[1, 1], [2, 2], [3, 3], [4, 1]]) {
    expect((await callHook(srv, 'CreateAccount', { serviceid, userid })).body.result).toBe('success');
  }
  // Service 3 (wildcard, client 3) is configured, submitted and issued by the sandbox CA.
  expect((await callHook(srv, 'SSLStepTwo', { serviceid: 3, userid: 3, ...contact, csr: 'placeholder', fields: { generatecsr: 'on' } })).status).toBe(200);
  expect((await callHook(srv, 'SSLStepThree', { serviceid: 3, userid: 3, approveremail: '', configdata: { approvalmethod: 'dns-txt-token' } })).status).toBe(200);
  await srv.running.app.runner.runDue();
  expect((await callHook(srv, 'SyncStatus', { serviceid: 3, userid: 3 }, { adminId: 1 })).body.result).toBe('success');
});
afterAll(async () => {
  await srv?.stop();
});

describe('orders list', () => {
  it('lists every order newest first with client, product, state and expiry', async () => {
    const res = await api.get('/orders');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.orders.map((o: any) => [o.serviceId, o.state])).toEqual([
      [4, 'awaiting_configuration'],
      [3, 'issued'],
      [2, 'awaiting_configuration'],
      [1, 'awaiting_configuration'],
    ]);
    const issued = res.body.orders[1];
    expect(issued).toMatchObject({
      serviceId: 3,
      clientId: 3,
      clientName: 'Łukasz Żółkiewski (Żółw Hosting Sp. z o.o.)',
      domain: '*.zolw.example',
      supplier: 'sandbox',
      product: 'Sandbox DV Wildcard',
      stateLabel: 'Issued',
    });
    expect(issued.validTo).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(issued.updatedAt).toMatch(/Z$/);
    expect(res.body.orders[3]).toMatchObject({ domain: 'shop.mueller-soehne.example', validTo: null, clientName: 'Jürgen Müller (Müller & Söhne GmbH)', stateLabel: 'Awaiting configuration' });
  });

  it('filters by state (one or several), supplier and free text, and pages', async () => {
    const ids = async (query: string) => (await api.get(`/orders?${query}`)).body.orders.map((o: any) => o.serviceId);
    expect(await ids('state=issued')).toEqual([3]);
    expect(await ids('state=issued,awaiting_configuration')).toEqual([4, 3, 2, 1]);
    expect(await ids('supplier=sandbox')).toEqual([4, 3, 2, 1]);
    expect(await ids('supplier=hexonet')).toEqual([]);
    expect(await ids('q=m%C3%BCller')).toEqual([4, 1]); // "müller": client name, domain
    expect(await ids('q=obrien')).toEqual([2]);
    expect(await ids('q=%C5%BC%C3%B3%C5%82w')).toEqual([3]); // "żółw": company
    expect(await ids('q=100%25')).toEqual([]); // % is literal, not a wildcard
    const page = await api.get('/orders?pageSize=3&page=2');
    expect(page.body).toMatchObject({ total: 4 });
    expect(page.body.orders.map((o: any) => o.serviceId)).toEqual([1]);
  });

  it('refuses an unknown state or a bad page naming the field', async () => {
    const bad = await api.get('/orders?state=lost');
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('state');
    expect((await api.get('/orders?page=0')).body.error.field).toBe('page');
    expect((await api.get('/orders?pageSize=500')).body.error.field).toBe('pageSize');
  });
});

describe('order detail', () => {
  it('shows the order with its full event history, oldest first', async () => {
    const list = await api.get('/orders?state=issued');
    const res = await api.get(`/orders/${list.body.orders[0].id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serviceId: 3, kind: 'initial', dnsNames: ['*.zolw.example'], validationMethod: 'dns_txt', lastError: null });
    expect(res.body.supplierOrderId).toBeTruthy();
    const path = res.body.events.map((e: any) => e.to);
    expect(path[0]).toBe('awaiting_configuration');
    expect(path.at(-1)).toBe('issued');
    expect(path).toContain('queued');
    expect(res.body.events[0]).toMatchObject({ from: null, actor: expect.any(String), reason: expect.any(String), message: expect.any(String) });
    expect(res.body.events.every((e: any) => /Z$/.test(e.at))).toBe(true);
  });

  it('answers 404 for an unknown order and 422 for a bad id', async () => {
    expect((await api.get('/orders/9999')).status).toBe(404);
    expect((await api.get('/orders/abc')).body.error.field).toBe('id');
  });
});
