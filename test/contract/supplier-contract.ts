/**
 * One contract suite for every supplier adapter (DESIGN §6): the same cases run against
 * each adapter talking to its fake (or the sandbox CA). A case for a capability a supplier
 * lacks, or a fault a fake cannot stage, is skipped with the reason written in `skips`.
 */
import { describe, expect, it, beforeAll, afterAll, beforeEach } from 'vitest';
import { generatePrivateKey, publicKeyFingerprint } from '../../server/crypto/keys';
import { buildCsr } from '../../server/crypto/csr';
import { describeCertificate } from '../../server/crypto/pem';
import { isSupplierError, type SupplierError } from '../../server/suppliers/errors';
import type { OrderRequest, Supplier } from '../../server/suppliers/supplier';
import type { Fault, FakeControl } from '../fakes/fake-control';

export interface ContractSetup {
  supplier: Supplier;
  fake: FakeControl;
  /** A DV product that can be ordered for one name with e-mail validation. */
  product: { id: string; months: number };
  close?(): Promise<void>;
}

/** Case name → why it does not apply to this supplier. */
export type ContractSkips = Partial<Record<'cancel' | 'approvers' | Fault['kind'] | 'expire', string>>;

let counter = 0;

async function orderRequest(setup: ContractSetup, domain: string): Promise<{ req: OrderRequest; fingerprint: string }> {
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  const csrPem = buildCsr({ privateKeyPem: key, subject: { commonName: domain, organization: 'Contract Ltd', country: 'DE' }, altNames: [domain] });
  return {
    fingerprint: publicKeyFingerprint(key),
    req: {
      idempotencyKey: `contract-${process.pid}-${++counter}`,
      productId: setup.product.id,
      months: setup.product.months,
      csrPem,
      commonName: domain,
      dnsNames: [domain],
      dcv: [{ domain, method: 'email', email: `admin@${domain}` }],
      admin: { firstName: 'Anna', lastName: 'Admin', organization: 'Contract Ltd', email: `admin@${domain}`, phone: '+49.301234567', address1: 'Hauptstraße 1', city: 'Berlin', state: 'Berlin', postcode: '10115', country: 'DE' },
    },
  };
}

async function expectSupplierError(p: Promise<unknown>, code: SupplierError['code'], kind: SupplierError['kind']): Promise<SupplierError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(isSupplierError(e), `expected a SupplierError, got ${String(e)}`).toBe(true);
  const se = e as SupplierError;
  expect({ code: se.code, kind: se.kind }).toEqual({ code, kind });
  return se;
}

export function describeSupplierContract(name: string, create: () => Promise<ContractSetup>, skips: ContractSkips = {}): void {
  describe(`supplier contract: ${name}`, () => {
    let s: ContractSetup;
    const test = (key: keyof ContractSkips | null, title: string, fn: () => Promise<void>) => {
      const why = key ? skips[key] : undefined;
      // A skipped case always carries the reason the supplier's contract file wrote for it.
      if (why) it.skip(`${title} — skipped because ${why}`, fn);
      else it(title, fn);
    };

    beforeAll(async () => {
      s = await create();
    });
    afterAll(async () => {
      await s?.fake.close();
      await s?.close?.();
    });
    beforeEach(() => s.fake.setFault(null));

    test(null, 'lists products with cost prices per term', async () => {
      const products = await s.supplier.listProducts();
      expect(products.length).toBeGreaterThan(0);
      const p = products.find((x) => x.id === s.product.id);
      expect(p, `product ${s.product.id} listed`).toBeDefined();
      for (const x of products) {
        expect(x.name).not.toBe('');
        expect(['DV', 'OV', 'EV']).toContain(x.validation);
        expect(x.dcvMethods.length).toBeGreaterThan(0);
        for (const price of x.prices) {
          expect(price.months % 12).toBe(0);
          expect(price.cost.amount).toMatch(/^\d+\.\d{2}$/);
          expect(price.cost.currency).toMatch(/^[A-Z]{3}$/);
        }
      }
    });

    test('approvers', 'lists approver e-mail addresses for a domain', async () => {
      const emails = await s.supplier.approverEmails(s.product.id, 'approvers.example');
      expect(emails.length).toBeGreaterThan(0);
      for (const e of emails) expect(e).toMatch(/@(.+\.)?approvers\.example$/);
    });

    test(null, 'places an order that waits for validation, then issues a certificate for the CSR', async () => {
      const { req, fingerprint } = await orderRequest(s, 'issue.contract.example');
      const placed = await s.supplier.placeOrder(req);
      expect(placed.supplierOrderId).not.toBe('');
      expect(placed.status).toBe('pending_validation');
      s.fake.issue(placed.supplierOrderId);
      const done = await s.supplier.getOrder(placed.supplierOrderId);
      expect(done.status).toBe('issued');
      const cert = describeCertificate(done.certificatePem!);
      expect(cert.publicKeyFingerprint).toBe(fingerprint);
      expect(cert.dnsNames).toContain('issue.contract.example');
      expect(done.chainPems?.length).toBeGreaterThan(0);
    });

    test(null, 'reports a rejected order as rejected', async () => {
      const { req } = await orderRequest(s, 'reject.contract.example');
      const placed = await s.supplier.placeOrder(req);
      s.fake.reject(placed.supplierOrderId);
      expect((await s.supplier.getOrder(placed.supplierOrderId)).status).toBe('rejected');
    });

    test('expire', 'reports an expired certificate as expired', async () => {
      const { req } = await orderRequest(s, 'expire.contract.example');
      const placed = await s.supplier.placeOrder(req);
      s.fake.issue(placed.supplierOrderId);
      s.fake.expire(placed.supplierOrderId);
      expect((await s.supplier.getOrder(placed.supplierOrderId)).status).toBe('expired');
    });

    test(null, 'never creates a second order for the same idempotency key', async () => {
      const { req } = await orderRequest(s, 'twice.contract.example');
      const before = s.fake.orderCount();
      const first = await s.supplier.placeOrder(req);
      const second = await s.supplier.placeOrder(req);
      expect(second.supplierOrderId).toBe(first.supplierOrderId);
      expect(s.fake.orderCount()).toBe(before + 1);
    });

    test('acceptThenTimeout', 'a timeout after the supplier accepted the order does not produce a second order', async () => {
      const { req } = await orderRequest(s, 'timeout.contract.example');
      const before = s.fake.orderCount();
      s.fake.setFault({ kind: 'acceptThenTimeout' });
      await expectSupplierError(s.supplier.placeOrder(req), 'temporary', 'transient');
      s.fake.setFault(null);
      const retried = await s.supplier.placeOrder(req);
      expect(retried.supplierOrderId).not.toBe('');
      expect(s.fake.orderCount()).toBe(before + 1);
    });

    test('auth', 'refused credentials are auth_failed, permanent, and the connection check says so', async () => {
      s.fake.setFault({ kind: 'auth' });
      const e = await expectSupplierError(s.supplier.checkConnection(), 'auth_failed', 'permanent');
      expect(e.message).toContain(s.supplier.displayName);
    });

    test('ip', 'an IP outside the allow-list is ip_not_allowed, with the supplier text kept', async () => {
      s.fake.setFault({ kind: 'ip' });
      const e = await expectSupplierError(s.supplier.listProducts(), 'ip_not_allowed', 'permanent');
      expect(e.supplierText ?? '').not.toBe('');
      expect(e.message).toMatch(/IP/);
    });

    test('funds', 'insufficient funds is reported as such and creates no order', async () => {
      const { req } = await orderRequest(s, 'funds.contract.example');
      const before = s.fake.orderCount();
      s.fake.setFault({ kind: 'funds' });
      await expectSupplierError(s.supplier.placeOrder(req), 'insufficient_funds', 'permanent');
      expect(s.fake.orderCount()).toBe(before);
    });

    test('http5xx', 'an HTTP 5xx answer is temporary and retryable', async () => {
      s.fake.setFault({ kind: 'http5xx' });
      await expectSupplierError(s.supplier.getOrder('1'), 'temporary', 'transient');
    });

    test('malformed', 'a body that is not the wire format is temporary, not a crash', async () => {
      s.fake.setFault({ kind: 'malformed' });
      await expectSupplierError(s.supplier.listProducts(), 'temporary', 'transient');
    });

    test('truncated', 'a truncated body is temporary, not a crash', async () => {
      s.fake.setFault({ kind: 'truncated' });
      await expectSupplierError(s.supplier.listProducts(), 'temporary', 'transient');
    });

    test('timeout', 'no answer within the timeout is temporary', async () => {
      s.fake.setFault({ kind: 'timeout' });
      await expectSupplierError(s.supplier.getOrder('1'), 'temporary', 'transient');
    });

    test(null, 'an unknown order id is not_found', async () => {
      await expectSupplierError(s.supplier.getOrder('999999999'), 'not_found', 'permanent');
    });

    test('cancel', 'cancels a pending order', async () => {
      const { req } = await orderRequest(s, 'cancel.contract.example');
      const placed = await s.supplier.placeOrder(req);
      await s.supplier.cancel!(placed.supplierOrderId, 'contract test');
      expect((await s.supplier.getOrder(placed.supplierOrderId)).status).toBe('cancelled');
    });

    test(null, 'checks the connection with valid credentials', async () => {
      const r = await s.supplier.checkConnection();
      expect(r.detail).not.toBe('');
    });
  });
}
