/**
 * Enom's purchase as one repeatable operation: DeleteFromCart → AddToCart → InsertNewOrder
 * (the step that charges the balance) → CertGetCerts (find the new CertID by OrderID) →
 * CertConfigureCert (CSR, contacts, order tag) → CertPurchaseCert (submission to the CA).
 *
 * Repeating it with the same idempotency key never buys twice (see ledger.ts):
 * 1. A certificate carrying our tag (Billing JobTitle, echoed by CertGetCertDetail) is ours:
 *    if Enom still awaits its configuration it is configured and submitted again, otherwise
 *    its id is returned as is — a lost CertPurchaseCert answer is never submitted twice.
 * 2. Else, if this process has an unanswered purchase for the key, the blank certificate that
 *    appeared since is claimed (or, while Enom may still be creating it, the caller is told to
 *    retry later).
 * 3. Else a new certificate is bought.
 * Left open: a process that dies after Enom accepted InsertNewOrder and before
 * CertConfigureCert loses its ledger; the next attempt buys again and the first certificate
 * stays blank ("Awaiting Configuration") in the Enom account, usable for another order.
 *
 * Called by adapter.ts (placeOrder), inside the account's exclusive section. Errors: the
 * api's SupplierErrors, plus temporary/transient while a purchase's outcome is unknown, and
 * invalid_request/action_required when the chosen approver is not one Enom accepts.
 */
import { SupplierError, isSupplierError } from '../errors';
import type { OrderRequest } from '../supplier';
import type { EnomApi, EnomCertRow } from './api';
import type { EnomProduct } from './catalogue';
import { webServerTypeFor } from './catalogue';
import { orderTag, type PurchaseLedger, type PurchaseRecord } from './ledger';
import { ENOM, toEnomDvAuthMethod } from './map';
import { comodoOrganization, enomContact, type CheckedOrder } from './order-input';

export interface PurchaseOptions {
  endUserIp: string;
  ledger: PurchaseLedger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Enom lists a new order's certificate with a delay: how often and how long to look. */
  certLookup: { attempts: number; delayMs: number };
  /** How long after an unanswered InsertNewOrder its certificate may still appear. */
  unknownPurchaseGraceMs: number;
}

const AWAITING_CONFIGURATION = 1;
const PAGE = 250;
const MAX_PAGES = 4;

const transient = (message: string) => new SupplierError(ENOM.code, 'temporary', 'transient', message);
const blank = (c: EnomCertRow) => c.domainName.trim() === '';
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const bare = (name: string) => name.trim().toLowerCase().replace(/^\*\./, '').replace(/^www\./, '');

export class EnomPurchase {
  constructor(
    private readonly api: EnomApi,
    private readonly o: PurchaseOptions,
  ) {}

  /** The CertID of the submitted certificate for this request. */
  async run(req: OrderRequest, order: CheckedOrder): Promise<string> {
    const tag = orderTag(req.idempotencyKey);
    const waiting = await this.awaitingConfiguration(order.product);
    const ours = await this.tagged(order.product, req.commonName, tag, waiting);
    if (ours && Number(ours.statusId) !== AWAITING_CONFIGURATION) return ours.certId;
    const certId = ours?.certId ?? (await this.certificateFor(req, order, waiting));
    await this.submit(certId, req, order, tag);
    return certId;
  }

  /** The product's certificates Enom still awaits configuration for, newest first. */
  private async awaitingConfiguration(product: EnomProduct): Promise<EnomCertRow[]> {
    const rows: EnomCertRow[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const { certs, total } = await this.api.getCerts({ prodType: product.prodType, statusId: AWAITING_CONFIGURATION, sortDescending: true, startPosition: page * PAGE + 1, pageSize: PAGE });
      rows.push(...certs);
      if (certs.length < PAGE || rows.length >= total) break;
    }
    return rows;
  }

  /** Our certificate: same product, and our tag in its Billing JobTitle. */
  private async tagged(product: EnomProduct, commonName: string, tag: string, waiting: EnomCertRow[]): Promise<{ certId: string; statusId: string } | undefined> {
    // Matched loosely (case, "*.", "www."): a certificate missed here would be bought again.
    const name = bare(commonName);
    const { certs } = await this.api.getCerts({ prodType: product.prodType, domainNameContains: name, sortDescending: true });
    // Configured-but-unsubmitted ones too: the client may have changed the name since.
    const candidates = new Map<string, EnomCertRow>();
    for (const c of [...certs.filter((c) => bare(c.domainName) === name), ...waiting.filter((c) => !blank(c))]) candidates.set(c.certId, c);
    for (const c of candidates.values()) {
      const detail = await this.api.getCertDetail(c.certId);
      if (detail.billingJobTitle.trim() === tag) return { certId: c.certId, statusId: detail.statusId };
    }
    return undefined;
  }

  /** The blank certificate this request owns: remembered, claimed after a lost answer, or bought. */
  private async certificateFor(req: OrderRequest, order: CheckedOrder, waiting: EnomCertRow[]): Promise<string> {
    const key = req.idempotencyKey;
    const rec = this.o.ledger.get(key);
    if (rec?.certId) return rec.certId;
    if (rec?.orderId) return this.certificateOfOrder(rec, order.product);
    if (rec) {
      const claimed = this.claim(key, rec, order, waiting);
      if (claimed) return claimed;
      if (this.o.now().getTime() - rec.startedAt < this.o.unknownPurchaseGraceMs) {
        throw transient(`${ENOM.displayName} did not answer the purchase of ${order.product.name} and has not listed a new certificate yet; certbridge will look again before buying`);
      }
      // Nothing appeared within the grace period: the purchase never reached Enom.
      this.o.ledger.delete(key);
    }
    return this.buy(key, order, waiting);
  }

  private claim(key: string, rec: PurchaseRecord, order: CheckedOrder, waiting: EnomCertRow[]): string | undefined {
    const others = this.o.ledger.ownedByOthers(key);
    const newest = Math.max(0, ...[...rec.before].map(Number));
    const fresh = waiting
      .filter((c) => blank(c) && !rec.before.has(c.certId) && !others.has(c.certId) && Number(c.certId) > newest)
      .filter((c) => c.validityMonths === 0 || c.validityMonths === order.years * 12)
      .sort((a, b) => Number(a.certId) - Number(b.certId));
    if (!fresh[0]) return undefined;
    rec.certId = fresh[0].certId;
    return rec.certId;
  }

  private async buy(key: string, order: CheckedOrder, waiting: EnomCertRow[]): Promise<string> {
    await this.api.emptyCart();
    await this.api.addToCart({ endUserIp: this.o.endUserIp, productType: order.product.cartType, years: order.years });
    const rec: PurchaseRecord = { prodType: order.product.prodType, startedAt: this.o.now().getTime(), before: new Set(waiting.filter(blank).map((c) => c.certId)) };
    this.o.ledger.set(key, rec);
    let orderId: string;
    try {
      ({ orderId } = await this.api.insertNewOrder({ endUserIp: this.o.endUserIp }));
    } catch (e) {
      // Enom refused (funds, policy): nothing was bought. Transient: the outcome is unknown.
      if (isSupplierError(e) && e.kind !== 'transient') this.o.ledger.delete(key);
      throw e;
    }
    if (!orderId) throw transient(`${ENOM.displayName} accepted the purchase of ${order.product.name} without an order number; certbridge will look for the certificate before buying again`);
    rec.orderId = orderId;
    return this.certificateOfOrder(rec, order.product);
  }

  private async certificateOfOrder(rec: PurchaseRecord, product: EnomProduct): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const { certs } = await this.api.getCerts({ prodType: product.prodType, sortDescending: true, pageSize: PAGE });
      const row = certs.find((c) => c.orderId === rec.orderId);
      if (row) return (rec.certId = row.certId);
      if (attempt >= this.o.certLookup.attempts) break;
      await this.o.sleep(this.o.certLookup.delayMs);
    }
    throw transient(`${ENOM.displayName} accepted order ${rec.orderId} but has not listed its certificate yet; certbridge will look again`);
  }

  /** CertConfigureCert then CertPurchaseCert. */
  private async submit(certId: string, req: OrderRequest, order: CheckedOrder, tag: string): Promise<void> {
    const { product, dcv, csr } = order;
    const configured = await this.api.configureCert({
      certId,
      webServerType: webServerTypeFor(product),
      csr: csr.pem,
      admin: enomContact(req.admin),
      tech: enomContact(req.admin),
      billing: enomContact(req.admin, tag),
    });
    // From here Enom holds the tag: the certificate is found by it, the ledger is done.
    this.o.ledger.delete(req.idempotencyKey);

    const offered = configured.approvers.map((a) => a.email);
    if (dcv.method === 'email') checkApprover(dcv.email!, req.commonName, offered);
    await this.api.purchaseCert({
      certId,
      // Enom documents ApproverEmail as required even with DNS/File validation [I]: send the
      // first address it offered; the CA validates by the chosen method.
      ...(dcv.method === 'email' ? { approverEmail: dcv.email } : { dvAuthMethod: toEnomDvAuthMethod(dcv.method), approverEmail: offered[0] }),
      ...(product.family === 'comodo' ? { comodo: comodoOrganization(csr, req.admin) } : {}),
    });
  }
}

/** Enom's approver list comes only with a CertID; refuse an address the CA would not mail. */
function checkApprover(chosen: string, domain: string, accepted: string[]): void {
  if (accepted.length === 0 || accepted.some((a) => sameName(a, chosen))) return;
  throw new SupplierError(
    ENOM.code,
    'invalid_request',
    'action_required',
    `${ENOM.displayName} does not accept ${chosen} as approver for ${domain} — choose one of: ${accepted.join(', ')}`,
    `approvers offered: ${accepted.join(', ')}`,
  );
}
