/**
 * The fake GoGetSSL's account and orders, in memory: one reseller account (credentials,
 * balance), auth keys that expire after a number of uses or on demand, and orders with
 * deterministic ids (1000001, 1000002, …). server.ts calls it for every API request and the
 * in-process control calls it directly. Refusals are thrown as FakeApiError, which
 * server.ts renders the way GoGetSSL does (HTTP 200 {"error": true, …} unless a status is
 * given).
 */
import { createHash } from 'node:crypto';
import { parseCsr } from '../../../server/crypto/csr';
import { describeCertificate } from '../../../server/crypto/pem';
import { issueLeafCertificate, type SandboxCaMaterial } from '../../../server/suppliers/sandbox/ca';
import { costCents, fakeProduct, fromCents, toCents, type FakeProduct } from './catalogue';

export class FakeApiError extends Error {
  constructor(
    readonly apiMessage: string,
    readonly description: string,
    readonly httpStatus = 200,
  ) {
    super(`${apiMessage}: ${description}`);
  }
}

export interface FakeOrder {
  id: number;
  invoiceId: number;
  product: FakeProduct;
  period: number;
  csrPem: string;
  commonName: string;
  /** Extra names (dns_names), aligned with sanMethods. */
  sans: string[];
  /** `email` | `dns` | `http` | `https` for the common name. */
  dcvMethod: string;
  approverEmail: string;
  /** Per SAN: an approver address or a method name (approver_emails). */
  sanMethods: string[];
  status: string;
  statusDescription: string;
  crt: string;
  ca: string;
  validFrom: string;
  validTill: string;
  renew: boolean;
  costCents: number;
  form: Record<string, string>;
  resent: number;
}

export interface StoreOptions {
  login: string;
  password: string;
  balance: string;
  /** Uses after which an auth key expires (GoGetSSL keys do expire). */
  keyUses: number;
}

const METHODS = new Set(['email', 'dns', 'http', 'https']);
const OPEN = new Set(['new_order', 'processing', 'pending', 'incomplete', 'reissue']);
const day = (d: Date) => d.toISOString().slice(0, 10);
const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export class FakeStore {
  readonly orders = new Map<number, FakeOrder>();
  private keys = new Map<string, { uses: number; expired: boolean }>();
  private nextId = 1_000_001;
  private nextInvoice = 500_001;
  private nextKey = 1;
  private balance: number;
  logins = 0;
  /** Set by the 'funds' fault: the balance reads as zero for orders. */
  broke = false;

  constructor(
    private readonly o: StoreOptions,
    private readonly ca: SandboxCaMaterial,
  ) {
    this.balance = toCents(o.balance);
  }

  login(user: string, pass: string): string {
    if (user !== this.o.login || pass !== this.o.password) throw new FakeApiError('Authorization error', 'Wrong login or password', 401);
    this.logins++;
    const key = createHash('sha256').update(`gogetssl-fake-key-${this.nextKey++}`).digest('hex').slice(0, 32);
    this.keys.set(key, { uses: 0, expired: false });
    return key;
  }

  /** Counts a use; throws the 403 GoGetSSL answers for a missing, unknown or expired key. */
  useKey(key: string | null): void {
    const k = key ? this.keys.get(key) : undefined;
    if (!k) throw new FakeApiError('Auth error', 'Invalid auth_key. Please authorize first.', 403);
    if (k.expired || ++k.uses > this.o.keyUses) {
      k.expired = true;
      throw new FakeApiError('Auth key expired', 'Your auth_key has expired. Please authorize again.', 403);
    }
  }

  expireKeys(): void {
    for (const k of this.keys.values()) k.expired = true;
  }

  revokeKeys(): void {
    this.keys.clear();
  }

  balanceText(): string {
    return fromCents(this.balance);
  }

  addOrder(form: Record<string, string>, renew: boolean): FakeOrder {
    const product = fakeProduct(form.product_id ?? '');
    if (!product) throw new FakeApiError('Product error', 'Product not found or not available');
    const period = Number(form.period);
    const csrPem = form.csr ?? '';
    let commonName: string;
    try {
      commonName = parseCsr(csrPem).commonName.toLowerCase();
    } catch (e) {
      throw new FakeApiError('CSR error', `Invalid CSR: ${(e as Error).message}`);
    }
    for (const f of ['admin_firstname', 'admin_lastname', 'admin_phone', 'admin_email', 'tech_firstname', 'tech_lastname', 'tech_phone', 'tech_email']) {
      if (!form[f]) throw new FakeApiError('Validation error', `Field ${f} is required`);
    }
    if (product.org_required && !form.org_name) throw new FakeApiError('Validation error', 'Organization name (org_name) is required for this product');
    const sans = list(form.dns_names);
    if (sans.length && !product.san_enabled) throw new FakeApiError('SAN error', 'This product does not support additional domains (dns_names)');
    const sanMethods = list(form.approver_emails);
    if (sanMethods.length !== sans.length) throw new FakeApiError('SAN error', 'approver_emails must list one entry per domain in dns_names');
    const dcvMethod = (form.dcv_method || 'email').toLowerCase();
    this.checkMethod(product, dcvMethod, commonName, form.approver_email);
    sans.forEach((n, i) => this.checkMethod(product, sanMethods[i].includes('@') ? 'email' : sanMethods[i], n, sanMethods[i]));
    const cost = costCents(product, period, 1 + sans.length);
    if (cost === undefined) throw new FakeApiError('Period error', `Period ${form.period} months is not available for ${product.product}`);
    if (this.broke || cost > this.balance) {
      throw new FakeApiError('Insufficient funds', 'You do not have enough funds on your account balance for this order. Please top up your balance.');
    }
    this.balance -= cost;
    const order: FakeOrder = {
      id: this.nextId++,
      invoiceId: this.nextInvoice++,
      product,
      period,
      csrPem,
      commonName,
      sans,
      dcvMethod,
      approverEmail: dcvMethod === 'email' ? (form.approver_email ?? '') : '',
      sanMethods,
      status: 'processing',
      statusDescription: 'Pending domain validation',
      crt: '',
      ca: '',
      validFrom: '0000-00-00',
      validTill: '0000-00-00',
      renew,
      costCents: cost,
      form,
      resent: 0,
    };
    this.orders.set(order.id, order);
    return order;
  }

  /** A stored order without the HTTP path (benchmarks): reuses one CSR for speed. */
  insertOrder(csrPem: string, productId = 71): FakeOrder {
    const order = this.addOrder(
      {
        product_id: String(productId),
        period: '12',
        csr: csrPem,
        dcv_method: 'email',
        approver_email: `admin@${parseCsr(csrPem).commonName}`,
        ...Object.fromEntries(['admin', 'tech'].flatMap((p) => [[`${p}_firstname`, 'Bench'], [`${p}_lastname`, 'Mark'], [`${p}_phone`, '+1.5550100'], [`${p}_email`, 'bench@example.com']])),
      },
      false,
    );
    return order;
  }

  private checkMethod(product: FakeProduct, method: string, domain: string, approver: string | undefined): void {
    if (!METHODS.has(method)) throw new FakeApiError('DCV error', `Unknown dcv_method ${method}`);
    if (!product[`dcv_${method}` as 'dcv_email']) throw new FakeApiError('DCV error', `Validation method ${method} is not available for ${product.product}`);
    if (method === 'email') {
      const base = domain.replace(/^\*\./, '');
      if (!approver || !approver.includes('@') || !base.endsWith(approver.split('@')[1] ?? '\0')) throw new FakeApiError('DCV error', `Approver email ${approver ?? '(none)'} is not valid for ${domain}`);
    }
  }

  get(id: string | number): FakeOrder {
    const o = /^\d+$/.test(String(id)) ? this.orders.get(Number(id)) : undefined;
    if (!o) throw new FakeApiError('Order error', `Order not found`);
    return o;
  }

  cancel(id: string, reason: string): void {
    const o = this.get(id);
    if (!reason) throw new FakeApiError('Cancel error', 'Reason is required');
    if (!OPEN.has(o.status) && o.status !== 'active') throw new FakeApiError('Cancel error', `Order in status ${o.status} can not be cancelled`);
    o.status = 'cancelled';
    o.statusDescription = `Cancelled: ${reason}`;
    this.balance += o.costCents;
  }

  reissue(id: string, form: Record<string, string>): void {
    const o = this.get(id);
    if (o.status !== 'active') throw new FakeApiError('Reissue error', `Order in status ${o.status} can not be reissued`);
    try {
      o.commonName = parseCsr(form.csr ?? '').commonName.toLowerCase();
    } catch (e) {
      throw new FakeApiError('CSR error', `Invalid CSR: ${(e as Error).message}`);
    }
    o.csrPem = form.csr!;
    o.dcvMethod = (form.dcv_method || 'email').toLowerCase();
    this.checkMethod(o.product, o.dcvMethod, o.commonName, form.approver_email);
    o.approverEmail = o.dcvMethod === 'email' ? (form.approver_email ?? '') : '';
    o.sans = list(form.dns_names);
    o.sanMethods = list(form.approver_emails);
    o.status = 'reissue';
    o.statusDescription = 'Reissue pending validation';
  }

  changeValidation(id: string, domains: string[], methods: string[]): void {
    const o = this.get(id);
    if (!OPEN.has(o.status)) throw new FakeApiError('Function is locked for this order', `Validation can not be changed in status ${o.status}`);
    if (domains.length === 0 || domains.length !== methods.length) throw new FakeApiError('DCV error', 'domains and new_methods must be aligned lists');
    domains.forEach((d, i) => {
      const m = methods[i];
      const method = m.includes('@') ? 'email' : m;
      this.checkMethod(o.product, method, d, m);
      if (d.toLowerCase() === o.commonName) {
        o.dcvMethod = method;
        o.approverEmail = method === 'email' ? m : '';
        return;
      }
      const at = o.sans.findIndex((s) => s.toLowerCase() === d.toLowerCase());
      if (at < 0) throw new FakeApiError('DCV error', `Domain ${d} is not part of this order`);
      o.sanMethods[at] = m;
    });
  }

  resend(id: string): void {
    const o = this.get(id);
    if (!OPEN.has(o.status) || o.dcvMethod !== 'email') throw new FakeApiError('Resend error', 'Validation email can only be resent for pending e-mail validation');
    o.resent++;
  }

  issue(id: string, now = new Date()): void {
    const o = this.get(id);
    const names = [o.commonName, ...o.sans];
    // Single-name products also cover the www. form (or the base of a wildcard).
    if (!o.product.san_enabled) names.push(o.commonName.startsWith('*.') ? o.commonName.slice(2) : o.commonName.startsWith('www.') ? o.commonName.slice(4) : `www.${o.commonName}`);
    o.crt = issueLeafCertificate(this.ca, { csrPem: o.csrPem, dnsNames: names, issuedAt: now });
    // ca_code: the intermediate, then the root, as one string — GoGetSSL's bundle.
    o.ca = `${this.ca.intermediate.certificatePem.trim()}\n${this.ca.root.certificatePem.trim()}\n`;
    o.validFrom = day(now);
    o.validTill = day(describeCertificate(o.crt).notAfter);
    o.status = 'active';
    o.statusDescription = 'Issued';
  }

  reject(id: string): void {
    const o = this.get(id);
    o.status = 'rejected';
    o.statusDescription = 'Rejected by the CA';
  }

  /** The validity ends in the past; the status stays 'active' as until GoGetSSL's nightly run. */
  expire(id: string, now = new Date()): void {
    const o = this.get(id);
    o.validFrom = day(new Date(now.getTime() - 400 * 86_400_000));
    o.validTill = day(new Date(now.getTime() - 2 * 86_400_000));
  }
}
