/**
 * Enom behind the supplier contract, by translation only. The supplier order id is Enom's
 * CertID (every certificate command takes it).
 *
 * What Enom's API can and cannot do decides the capabilities: reissue (CertReissueCert,
 * GeoTrust/RapidSSL/Symantec only — Comodo reissues go through an Enom support ticket),
 * resend and change of the approver e-mail, and the account balance are available; renew
 * (a renewal is a new order the order service links to the old one), cancel (CertModifyOrder
 * only resets the configuration, nothing is refunded) and revoke are not.
 * Approver addresses exist at Enom only for a bought certificate, so `approverEmails` offers
 * the CA-generic five; placeOrder checks the choice against Enom's list after configuring.
 *
 * Called by the order service through the registry. Errors: SupplierError only — see
 * client.ts (envelope, auth, IP, funds), order-input.ts (refusals before buying) and
 * purchase.ts (idempotent purchase).
 */
import { CsrError, parseCsr } from '../../crypto/csr';
import { SupplierError } from '../errors';
import { genericApproverEmails, type Capabilities, type DcvChoice, type Money, type OrderRequest, type OrderState, type ReissueRequest, type Supplier, type SupplierProduct } from '../supplier';
import type { EnomApi } from './api';
import { ENOM_PRODUCTS, enomProduct, priceBracket, type EnomProduct } from './catalogue';
import { ENOM } from './map';
import { checkOrder } from './order-input';
import { EnomPurchase, type PurchaseOptions } from './purchase';
import { orderStateFrom } from './state';

export const ENOM_CAPABILITIES: Capabilities = { reissue: true, renew: false, cancel: false, revoke: false, resendValidation: true, changeValidation: true, balance: true };

export interface EnomSupplierOptions extends PurchaseOptions {
  mode: 'live' | 'test';
  /** Enom login ID, shown by checkConnection. */
  account: string;
}

const notFound = (id: string) => new SupplierError(ENOM.code, 'not_found', 'permanent', `${ENOM.displayName} has no certificate ${id} — the supplier order id must be an Enom CertID`);
const unsupported = (message: string) => new SupplierError(ENOM.code, 'unsupported', 'permanent', message);

export class EnomSupplier implements Supplier {
  readonly code = ENOM.code;
  readonly displayName = ENOM.displayName;
  readonly capabilities = ENOM_CAPABILITIES;
  private readonly purchase: EnomPurchase;

  constructor(
    private readonly api: EnomApi,
    private readonly o: EnomSupplierOptions,
  ) {
    this.purchase = new EnomPurchase(api, o);
  }

  async listProducts(): Promise<SupplierProduct[]> {
    const listed = await Promise.all(ENOM_PRODUCTS.map((p) => this.priced(p)));
    return listed.filter((p): p is SupplierProduct => p !== undefined);
  }

  /** One PE_GetProductPrice per year bracket; products the account cannot buy are left out. */
  private async priced(p: EnomProduct): Promise<SupplierProduct | undefined> {
    const years = Array.from({ length: p.maxYears }, (_, i) => i + 1);
    const brackets = [...new Set(years.map(priceBracket))];
    const quotes = new Map(await Promise.all(brackets.map(async (b) => [b, await this.api.productPrice(p.prodType, b)] as const)));
    const prices = years.flatMap((y) => {
      const q = quotes.get(priceBracket(y));
      if (!q?.enabled || q.price === undefined) return [];
      // Enom prices are per year within a bracket [I]; sum in cents to stay exact.
      const cents = Math.round(Number(q.price) * 100) * y;
      return [{ months: y * 12, cost: { amount: (cents / 100).toFixed(2), currency: 'USD' } }];
    });
    if (prices.length === 0) return undefined;
    return {
      id: String(p.prodType),
      name: p.name,
      brand: p.brand,
      validation: p.validation,
      wildcard: p.wildcard,
      includedDomains: 2, // the name and its www. (or, for a wildcard, bare) form
      maxDomains: 2,
      dcvMethods: p.dcvMethods,
      prices,
    };
  }

  async approverEmails(_productId: string, domain: string): Promise<string[]> {
    return genericApproverEmails(domain);
  }

  async checkConnection(): Promise<{ detail: string }> {
    const b = await this.api.getBalance();
    const system = this.o.mode === 'test' ? "Enom's test system (resellertest)" : 'Enom';
    const balance = b.availableBalance ?? b.balance;
    return { detail: `Signed in to ${system} as ${this.o.account}${balance !== undefined ? `; available balance ${balance} USD` : ''}` };
  }

  async balance(): Promise<Money> {
    const b = await this.api.getBalance();
    const amount = b.availableBalance ?? b.balance;
    if (amount === undefined) throw new SupplierError(ENOM.code, 'temporary', 'transient', `${ENOM.displayName} answered GetBalance without a balance; will retry`);
    return { amount, currency: 'USD' };
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    const order = checkOrder(request);
    // One purchase at a time per Enom account in this process: see ledger.ts.
    const certId = await this.o.ledger.exclusive(() => this.purchase.run(request, order));
    return this.getOrder(certId);
  }

  async getOrder(supplierOrderId: string): Promise<OrderState> {
    const id = supplierOrderId.trim();
    if (!/^\d{1,12}$/.test(id)) throw notFound(supplierOrderId);
    return orderStateFrom(await this.api.getCertDetail(id), this.o.now());
  }

  /** Same CertID, new CSR. CertReissueCert takes no validation choice: `request.dcv` is not sent. */
  async reissue(supplierOrderId: string, request: ReissueRequest): Promise<OrderState> {
    const current = await this.getOrder(supplierOrderId);
    const detail = await this.api.getCertDetail(current.supplierOrderId);
    const product = enomProduct(detail.prodType);
    if (product?.family === 'comodo') {
      throw unsupported(`${ENOM.displayName} reissues Comodo certificates only by support ticket — open a ticket with Enom giving the domain ${detail.domainName}, the new CSR and the order's approver e-mail address`);
    }
    if (current.status !== 'issued') {
      throw new SupplierError(ENOM.code, 'invalid_request', 'permanent', `${ENOM.displayName} can reissue only an issued certificate; certificate ${current.supplierOrderId} is ${current.rawStatus}`);
    }
    const csr = parseCsrForReissue(request.csrPem);
    // GeoTrust-family reissues keep the exact same FQDN (Enom's reissue rules).
    const wanted = (request.commonName || csr.commonName).toLowerCase();
    for (const name of new Set([wanted, csr.commonName.toLowerCase()])) {
      if (detail.domainName && name !== detail.domainName.toLowerCase()) {
        throw new SupplierError(ENOM.code, 'invalid_request', 'action_required', `A reissue through ${ENOM.displayName} keeps the name ${detail.domainName}; this one is for ${name} — make a CSR for ${detail.domainName} or order a new certificate`);
      }
    }
    // Enom's own reading of the CSR, as its documentation asks before a submission.
    const parsed = await this.api.parseCsr(current.supplierOrderId, csr.pem);
    if (parsed.domainName && detail.domainName && parsed.domainName.toLowerCase() !== detail.domainName.toLowerCase()) {
      throw new SupplierError(ENOM.code, 'invalid_request', 'action_required', `${ENOM.displayName} reads the new CSR as being for ${parsed.domainName}, not ${detail.domainName} — make a CSR for ${detail.domainName}`, `CertParseCSR DomainName: ${parsed.domainName}`);
    }
    await this.api.reissueCert(current.supplierOrderId, csr.pem);
    return this.getOrder(current.supplierOrderId);
  }

  async resendValidation(supplierOrderId: string): Promise<void> {
    const state = await this.getOrder(supplierOrderId);
    if (!state.dcv.some((d) => d.method === 'email')) throw unsupported(`${ENOM.displayName} resends approval e-mails only; certificate ${state.supplierOrderId} is validated by ${state.dcv[0]?.method ?? 'an unknown method'}`);
    await this.api.resendApproverEmail(state.supplierOrderId);
  }

  async changeValidation(supplierOrderId: string, dcv: DcvChoice[]): Promise<OrderState> {
    const state = await this.getOrder(supplierOrderId);
    const current = state.dcv[0];
    const choice = (current && dcv.find((d) => d.domain.toLowerCase() === current.domain.toLowerCase())) ?? dcv[0];
    if (!choice || choice.method !== 'email' || !choice.email || (current && current.method !== 'email')) {
      throw unsupported(`${ENOM.displayName} can only change the approver e-mail address of an order validated by e-mail, not switch validation methods`);
    }
    const domain = current?.domain ?? choice.domain;
    const offered = (await this.api.getApproverEmails(state.supplierOrderId, domain)).map((a) => a.email);
    if (offered.length > 0 && !offered.some((e) => e.toLowerCase() === choice.email!.toLowerCase())) {
      throw new SupplierError(ENOM.code, 'invalid_request', 'action_required', `${ENOM.displayName} does not accept ${choice.email} as approver for ${domain} — choose one of: ${offered.join(', ')}`, `approvers offered: ${offered.join(', ')}`);
    }
    await this.api.changeApproverEmail(state.supplierOrderId, choice.email);
    return this.getOrder(state.supplierOrderId);
  }
}

function parseCsrForReissue(pem: string) {
  try {
    return parseCsr(pem);
  } catch (e) {
    if (e instanceof CsrError) throw new SupplierError(ENOM.code, 'invalid_request', 'action_required', e.message);
    throw e;
  }
}
