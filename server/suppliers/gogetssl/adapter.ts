/**
 * GoGetSSL behind the supplier contract: translation only (catalogue.ts, order-form.ts,
 * order-state.ts, map.ts) over api.ts. The order service calls it through the registry.
 *
 * Besides the required core it offers reissue, renew (a new GoGetSSL order id), cancel,
 * resendValidation, changeValidation and balance; revoke is not offered because GoGetSSL's
 * v1 API documents no revoke call (suppliers.md §3.2, §6.3).
 *
 * placeOrder/renew are safe to repeat with the same idempotency key: GoGetSSL has no
 * reference field, so before buying, idempotency.ts looks for an order it already accepted
 * for the same purchase (an answer lost to a timeout) and returns that one instead.
 *
 * Errors: SupplierError only (see client.ts and map.ts).
 */
import { withRetry } from '../retry';
import { SupplierError } from '../errors';
import type { Capabilities, DcvChoice, Money, OrderRequest, OrderState, Supplier, SupplierProduct } from '../supplier';
import type { GoGetSslApi, ProductRecord, StatusRecord } from './api';
import { money, toSupplierProduct, validationLevel } from './catalogue';
import { SUPPLIER_CODE } from './client';
import { findAcceptedOrder, type PurchaseFingerprint } from './idempotency';
import { DISPLAY_NAME, usesGeotrustApprovers } from './map';
import { newOrderForm, validationChange, validationFields, type ProductFacts } from './order-form';
import { stateFromAdd, stateFromStatus } from './order-state';

export const GOGETSSL_CAPABILITIES: Capabilities = {
  reissue: true,
  renew: true,
  cancel: true,
  revoke: false,
  resendValidation: true,
  changeValidation: true,
  balance: true,
};

/** Product facts change rarely; one hour keeps order placement to one extra call per hour. */
const PRODUCT_TTL_MS = 3_600_000;
/** Interactive reads (catalogue, approvers, balance) get one quick second chance. */
const INTERACTIVE_RETRY = { attempts: 2, baseMs: 200, capMs: 1_000 };
/** Placements remembered in memory; older ones are found again by the look-up if retried. */
const REMEMBERED_PLACEMENTS = 5_000;

export interface ReissueRequest {
  csrPem: string;
  commonName: string;
  dnsNames: string[];
  dcv: DcvChoice[];
}

export class GoGetSslSupplier implements Supplier {
  readonly code = SUPPLIER_CODE;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = GOGETSSL_CAPABILITIES;

  /** Product facts by id; the promise is shared so a burst of syncs asks GoGetSSL once. */
  private readonly products = new Map<string, { facts: Promise<ProductFacts>; at: number }>();
  /** idempotency key → GoGetSSL order id, for requests this process placed or found. */
  private readonly placed = new Map<string, string>();
  /** idempotency key → the placement under way, so concurrent duplicates share it. */
  private readonly placing = new Map<string, Promise<OrderState>>();
  private currency: string | undefined;

  constructor(
    private readonly api: GoGetSslApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listProducts(): Promise<SupplierProduct[]> {
    return withRetry(async () => {
      const [records, prices, currency] = await Promise.all([this.api.products(), this.api.allPrices(), this.accountCurrency()]);
      const out: SupplierProduct[] = [];
      for (const r of records) {
        const p = toSupplierProduct(r, prices, currency);
        if (!p) continue;
        out.push(p);
        this.products.set(p.id, { facts: Promise.resolve(facts(r)), at: Date.now() });
      }
      return out;
    }, INTERACTIVE_RETRY);
  }

  async approverEmails(productId: string, domain: string): Promise<string[]> {
    const { brand } = await this.product(productId);
    return withRetry(() => this.api.domainEmails(domain.replace(/^\*\./, ''), usesGeotrustApprovers(brand)), INTERACTIVE_RETRY);
  }

  async checkConnection(): Promise<{ detail: string }> {
    await this.api.relogin();
    const b = await this.balance();
    return { detail: `Signed in to ${DISPLAY_NAME}; account balance ${b.amount} ${b.currency}` };
  }

  async balance(): Promise<Money> {
    const b = await withRetry(() => this.api.balance(), INTERACTIVE_RETRY);
    if (b.currency) this.currency = b.currency;
    return { amount: money(b.balance) ?? b.balance, currency: b.currency ?? this.currency ?? 'USD' };
  }

  placeOrder(req: OrderRequest): Promise<OrderState> {
    return this.once(req, false);
  }

  /** A renewal is a new GoGetSSL order (new id); the CA carries remaining time over. */
  renew(_previousOrderId: string, req: OrderRequest): Promise<OrderState> {
    return this.once(req, true);
  }

  async getOrder(supplierOrderId: string): Promise<OrderState> {
    const record = await this.api.orderStatus(orderId(supplierOrderId));
    return this.state(record);
  }

  async cancel(supplierOrderId: string, reason: string): Promise<void> {
    await this.api.cancel(orderId(supplierOrderId), reason || 'Cancelled by the reseller');
  }

  async reissue(supplierOrderId: string, req: ReissueRequest): Promise<OrderState> {
    const id = orderId(supplierOrderId);
    const current = await this.api.orderStatus(id);
    const product = await this.product(String(current.product_id ?? ''));
    await this.api.reissue(id, validationFields(req, product));
    // The reissue answer holds no validation details; the status does (as the module does).
    return this.getOrder(id);
  }

  /** With `email`, the common name's approver changes to it (which sends a new e-mail). */
  async resendValidation(supplierOrderId: string, email?: string): Promise<void> {
    const id = orderId(supplierOrderId);
    if (!email) {
      await this.api.resendValidationEmail(id);
      return;
    }
    const { domain } = await this.api.orderStatus(id);
    await this.api.changeDomainsValidation(id, [String(domain ?? '')], [email]);
  }

  async changeValidation(supplierOrderId: string, dcv: DcvChoice[]): Promise<OrderState> {
    const id = orderId(supplierOrderId);
    const change = validationChange(dcv);
    await this.api.changeDomainsValidation(id, change.domains, change.methods);
    return this.getOrder(id);
  }

  private once(req: OrderRequest, renewal: boolean): Promise<OrderState> {
    const known = this.placed.get(req.idempotencyKey);
    if (known) return this.getOrder(known);
    let p = this.placing.get(req.idempotencyKey);
    if (!p) {
      p = this.place(req, renewal).finally(() => this.placing.delete(req.idempotencyKey));
      this.placing.set(req.idempotencyKey, p);
    }
    return p;
  }

  private async place(req: OrderRequest, renewal: boolean): Promise<OrderState> {
    const product = await this.product(req.productId);
    const form = newOrderForm(req, product);
    const want: PurchaseFingerprint = { csrPem: req.csrPem, productId: req.productId, months: req.months, renewal };
    const earlier = await findAcceptedOrder(this.api, want, new Set(this.placed.values()), this.now());
    if (earlier) {
      this.remember(req.idempotencyKey, String(earlier.order_id));
      return this.state(earlier);
    }
    const added = renewal ? await this.api.addSslRenewOrder(form) : await this.api.addSslOrder(form);
    if (added.order_id === undefined || String(added.order_id) === '') {
      throw new SupplierError(SUPPLIER_CODE, 'temporary', 'transient', `${DISPLAY_NAME} accepted the order but sent no order number — certbridge will look the order up before trying again`, JSON.stringify(added).slice(0, 500));
    }
    this.remember(req.idempotencyKey, String(added.order_id));
    return stateFromAdd(added, req, product.brand, this.now());
  }

  private remember(idempotencyKey: string, orderId: string): void {
    this.placed.set(idempotencyKey, orderId);
    if (this.placed.size > REMEMBERED_PLACEMENTS) this.placed.delete(this.placed.keys().next().value!);
  }

  private async state(record: StatusRecord): Promise<OrderState> {
    const brand = record.product_id !== undefined ? await this.brandOf(String(record.product_id)) : '';
    return stateFromStatus(record, brand, this.now());
  }

  /** The brand only decides how a bare 'dns' method is named; a failed look-up must not fail a sync. */
  private async brandOf(productId: string): Promise<string> {
    try {
      return (await this.product(productId)).brand;
    } catch {
      return '';
    }
  }

  private product(productId: string): Promise<ProductFacts> {
    const cached = this.products.get(productId);
    if (cached && Date.now() - cached.at < PRODUCT_TTL_MS) return cached.facts;
    const load = this.api.product(productId).then((record) => {
      if (!record) throw new SupplierError(SUPPLIER_CODE, 'not_found', 'permanent', `${DISPLAY_NAME} has no product ${productId} — pick another product in the certbridge product settings`);
      return facts(record);
    });
    const entry = { facts: load, at: Date.now() };
    this.products.set(productId, entry);
    // A failed look-up is not cached: the next call asks again.
    load.catch(() => {
      if (this.products.get(productId) === entry) this.products.delete(productId);
    });
    return load;
  }

  private async accountCurrency(): Promise<string> {
    if (!this.currency) this.currency = (await this.api.balance()).currency ?? 'USD';
    return this.currency;
  }
}

function facts(r: ProductRecord): ProductFacts {
  return { brand: String(r.brand ?? ''), validation: validationLevel(r), sanEnabled: r.san_enabled === 1 || r.san_enabled === '1' };
}

/** GoGetSSL order ids are numbers; anything else cannot exist there. */
function orderId(supplierOrderId: string): string {
  const id = supplierOrderId.trim();
  if (!/^\d+$/.test(id)) throw new SupplierError(SUPPLIER_CODE, 'not_found', 'permanent', `${DISPLAY_NAME} order numbers are digits only; "${supplierOrderId}" is not one — check the supplier order number`);
  return id;
}
