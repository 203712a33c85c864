/**
 * HEXONET behind the supplier contract: translation between OrderRequest/OrderState and the
 * SSLCERT commands, nothing more. Built by index.ts; the order service and the catalogue
 * import call it through the registry.
 *
 * Beyond the required core it can reissue, renew (a new certificate id), revoke, resend the
 * approver e-mail, report the account balance and decode a CSR. It cannot cancel: HEXONET has
 * no cancel or refund for an executed order (suppliers.md §1.9, §6.3).
 *
 * Errors: SupplierError only — from the client (see client.ts) or here for a request HEXONET
 * would refuse anyway (unknown class, unsupported term or validation method).
 */
import type { Logger } from '../../logger';
import { parseCsr } from '../../crypto/csr';
import { describeCertificate, splitPemBlocks } from '../../crypto/pem';
import { SupplierError } from '../errors';
import type { Capabilities, Contact, DcvChoice, DcvInstruction, Money, OrderRequest, OrderState, Supplier, SupplierProduct } from '../supplier';
import type { CertObject, HexonetApi, HexonetContact, ValidationChoice } from './api';
import { HEXONET_CLASSES, TERM_YEARS, type HexonetClass } from './catalogue';
import { DISPLAY_NAME, SUPPLIER, instructionFor, parseHexonetDate, statusOf, validationFor } from './map';
import { classPrices, convert, money, type EurRates } from './prices';

export const HEXONET_CAPABILITIES: Capabilities = { reissue: true, renew: true, cancel: false, revoke: true, resendValidation: true, changeValidation: false, balance: true };

/**
 * How far back placeOrder looks for an order it may already have placed. Retries of one
 * certbridge order happen within hours; a week also covers a long outage, yet excludes the
 * months-old certificate a renewal with the same CSR would otherwise match.
 */
const LOOKBACK_MS = 7 * 86_400_000;

export interface HexonetSupplierOptions {
  mode: 'live' | 'test';
  log: Logger;
  now?: () => Date;
}

export interface ReissueRequest {
  csrPem: string;
  dnsNames: string[];
  dcv: DcvChoice[];
}

export class HexonetSupplier implements Supplier {
  readonly code = SUPPLIER;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = HEXONET_CAPABILITIES;

  constructor(
    private readonly api: HexonetApi,
    private readonly o: HexonetSupplierOptions,
  ) {}

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  async checkConnection(): Promise<{ detail: string }> {
    const u = await this.api.statusUser(false);
    return { detail: `Signed in to HEXONET ${this.o.mode === 'test' ? 'OT&E' : 'live'} as ${u.user}; balance ${u.balance} ${u.accountCurrency}` };
  }

  async balance(): Promise<Money> {
    const u = await this.api.statusUser(false);
    return { amount: money(Number(u.balance)), currency: u.accountCurrency };
  }

  /** Classes the account has a price for, costed in the account currency HEXONET debits. */
  async listProducts(): Promise<SupplierProduct[]> {
    const user = await this.api.statusUser(true);
    const prices = classPrices(user.relations).filter((p) => {
      if (HEXONET_CLASSES.has(p.classId)) return true;
      this.o.log.warn({ supplier: SUPPLIER, sslCertClass: p.classId }, 'HEXONET prices an SSL class certbridge does not know; not listed');
      return false;
    });
    const rates = await this.rates(prices.map((p) => p.currency).filter((c) => c !== user.accountCurrency), user.accountCurrency);
    return prices.map((p) => {
      const cls = HEXONET_CLASSES.get(p.classId)!;
      const converted = convert(p.annual, p.currency, user.accountCurrency, rates);
      // Without a rate the class's own currency is the honest answer; the pricing engine converts.
      const annual = converted ?? p.annual;
      const currency = converted === undefined ? p.currency : user.accountCurrency;
      return {
        id: cls.id,
        name: cls.name,
        brand: cls.brand,
        validation: cls.validation,
        wildcard: cls.wildcard,
        includedDomains: cls.maxDomains,
        maxDomains: cls.maxDomains,
        dcvMethods: cls.dcvMethods,
        prices: TERM_YEARS.map((years) => ({ months: years * 12, cost: { amount: money(annual * years), currency } })),
      };
    });
  }

  private async rates(currencies: string[], accountCurrency: string): Promise<EurRates> {
    const needed = [...new Set([...currencies, accountCurrency])].filter((c) => c !== 'EUR');
    const rates = new Map<string, number>();
    if (currencies.length === 0) return rates;
    for (const c of needed) {
      const newest = (await this.api.exchangeRates(c)).filter((r) => r.to.toUpperCase() === c && r.rate > 0).sort((a, b) => b.date.localeCompare(a.date))[0];
      if (newest) rates.set(c, newest.rate);
      else this.o.log.warn({ supplier: SUPPLIER, currency: c }, 'HEXONET has no exchange rate for this currency');
    }
    return rates;
  }

  /** Approver addresses, without duplicates and without the CA's MANUAL (support desk) entries. */
  async approverEmails(productId: string, domain: string): Promise<string[]> {
    const list = await this.api.dcvEmailAddresses(productId, domain.replace(/^\*\./, ''));
    const seen = new Set<string>();
    return list
      .filter((e) => e.level.toUpperCase() !== 'MANUAL')
      .map((e) => e.email.trim())
      .filter((e) => e !== '' && !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
  }

  /**
   * HEXONET takes no idempotency reference, so before ordering we look for an order this
   * request already produced: same class and common name, created within LOOKBACK_MS, not
   * failed, carrying exactly this CSR (each certbridge order has its own fixed CSR).
   */
  async placeOrder(req: OrderRequest): Promise<OrderState> {
    const cls = this.product(req.productId);
    const period = this.period(cls, req.months);
    const domains = this.domains(cls, req.commonName, req.dnsNames);
    const validations = this.validations(cls, domains, req.dcv);
    const existing = await this.findPlaced(req.productId, req.commonName, req.csrPem);
    if (existing) return this.state(existing);
    const placed = await this.api.createSslCert({ certClass: cls.id, period, csrPem: req.csrPem, commonName: req.commonName, domains, validations, contact: contactOf(req.admin), serverSoftware: 'OTHER' });
    return this.state(placed);
  }

  async getOrder(supplierOrderId: string): Promise<OrderState> {
    return this.state(await this.api.statusSslCert(supplierOrderId));
  }

  /** Renewal is a new certificate object (new id) charged like an order; safe to repeat like placeOrder. */
  async renew(supplierOrderId: string, req: OrderRequest): Promise<OrderState> {
    const cls = this.product(req.productId);
    const period = this.period(cls, req.months);
    const domains = this.domains(cls, req.commonName, req.dnsNames);
    const validations = this.validations(cls, domains, req.dcv);
    const existing = await this.findPlaced(req.productId, req.commonName, req.csrPem, supplierOrderId);
    if (existing) return this.state(existing);
    return this.state(await this.api.renewSslCert(supplierOrderId, { period, csrPem: req.csrPem, domains, validations }));
  }

  /**
   * Same id, new CSR. HEXONET keeps STATUS (ACTIVE) while the reissue runs, so the order counts
   * as issued only once the certificate carries the new CSR's key.
   */
  async reissue(supplierOrderId: string, req: ReissueRequest): Promise<OrderState> {
    const current = await this.api.statusSslCert(supplierOrderId);
    const cls = this.product(current.certClass);
    const domains = this.domains(cls, req.dnsNames[0] ?? current.commonName, req.dnsNames);
    const validations = await this.api.reissueSslCert(supplierOrderId, { csrPem: req.csrPem, domains, validations: this.validations(cls, domains, req.dcv) });
    const after = await this.api.statusSslCert(supplierOrderId);
    const state = this.state(after);
    if (state.status !== 'issued' || sameKey(after.crtPem, req.csrPem)) return state;
    const { certificatePem: _c, chainPems: _p, ...rest } = state;
    return { ...rest, status: 'pending_validation', dcv: validations.map((v) => instructionFor(v, 'pending')), message: 'Reissue requested; waiting for the new certificate' };
  }

  async revoke(supplierOrderId: string, reason: string): Promise<void> {
    await this.api.revokeSslCert(supplierOrderId, reason);
  }

  /** Sends the approver e-mail again; a different address also changes the approver. */
  async resendValidation(supplierOrderId: string, email?: string): Promise<void> {
    await this.api.resendSslCertEmail(supplierOrderId, email);
  }

  /** HEXONET's own reading of a CSR (ParseSSLCertCSR). */
  async decodeCsr(csrPem: string): Promise<{ commonName: string; alternateNames: string[]; organization: string; country: string; keyBits?: number }> {
    return this.api.parseSslCertCsr(csrPem);
  }

  private async findPlaced(certClass: string, commonName: string, csrPem: string, excludeId?: string): Promise<CertObject | undefined> {
    const wanted = csrDer(csrPem);
    if (!wanted) return undefined;
    const since = new Date(this.now().getTime() - LOOKBACK_MS);
    const rows = await this.api.querySslCertList({ commonName, certClass, createdSince: since, limit: 50 });
    for (const row of rows) {
      if (row.id === excludeId || ['rejected', 'cancelled', 'revoked'].includes(statusOf(row.status, undefined, this.now()))) continue;
      const candidate = await this.api.statusSslCert(row.id);
      if (candidate.csrPem && csrDer(candidate.csrPem)?.equals(wanted)) return candidate;
    }
    return undefined;
  }

  private state(c: CertObject): OrderState {
    const validTo = parseHexonetDate(c.expirationDate) ?? notAfterOf(c.crtPem);
    const status = statusOf(c.status, validTo, this.now());
    const dcvStatus: DcvInstruction['status'] = status === 'issued' || status === 'expired' ? 'valid' : status === 'rejected' ? 'failed' : 'pending';
    const chain = chainOf(c.caCrtPem);
    return {
      supplierOrderId: c.id,
      status,
      rawStatus: c.status,
      dcv: c.validations.map((v) => instructionFor(v, dcvStatus)),
      ...(c.crtPem ? { certificatePem: c.crtPem } : {}),
      ...(chain.length ? { chainPems: chain } : {}),
      ...(c.statusDetails ? { message: `${DISPLAY_NAME}: ${c.statusDetails}` } : {}),
    };
  }

  private product(productId: string): HexonetClass {
    const cls = HEXONET_CLASSES.get(productId);
    if (!cls) throw invalid(`HEXONET product ${productId} is not an SSL class certbridge knows; re-import the HEXONET catalogue`);
    return cls;
  }

  private period(cls: HexonetClass, months: number): number {
    const years = months / 12;
    if (!(TERM_YEARS as readonly number[]).includes(years)) throw invalid(`${cls.name} is sold by HEXONET for ${TERM_YEARS.join(', ')} years, not ${months} months`);
    return years;
  }

  private domains(cls: HexonetClass, commonName: string, dnsNames: string[]): string[] {
    const domains = [...new Set([commonName, ...dnsNames].map((d) => d.trim().toLowerCase()))];
    if (domains.length > cls.maxDomains) throw invalid(`${cls.name} covers at most ${cls.maxDomains} name(s); this order has ${domains.length}`);
    return domains;
  }

  private validations(cls: HexonetClass, domains: string[], dcv: DcvChoice[]): ValidationChoice[] {
    return domains.map((domain) => {
      const choice = dcv.find((c) => c.domain.toLowerCase() === domain) ?? dcv[0] ?? { domain, method: 'email' as const };
      const allowed = cls.dcvMethods.some((m) => validationFor(m) === validationFor(choice.method));
      if (!allowed) {
        throw new SupplierError(SUPPLIER, 'invalid_request', 'action_required', `${cls.name} cannot be validated by ${choice.method} at HEXONET (allowed: ${cls.dcvMethods.join(', ')}) — choose another validation method`);
      }
      const method = validationFor(choice.method);
      return method === 'EMAIL' && choice.email ? { method, email: choice.email } : { method };
    });
  }
}

function invalid(message: string): SupplierError {
  return new SupplierError(SUPPLIER, 'invalid_request', 'permanent', message);
}

function contactOf(c: Contact): HexonetContact {
  return {
    organization: c.organization ?? '',
    firstName: c.firstName,
    lastName: c.lastName,
    jobTitle: c.jobTitle ?? '',
    email: c.email,
    street: [c.address1, c.address2].filter(Boolean).join(', '),
    city: c.city,
    province: c.state,
    zip: c.postcode,
    country: c.country,
    phone: c.phone,
    fax: '',
  };
}

function csrDer(pem: string): Buffer | undefined {
  try {
    return splitPemBlocks(pem).find((b) => b.label.endsWith('CERTIFICATE REQUEST'))?.der;
  } catch {
    return undefined;
  }
}

/** CACRT holds intermediate(s) and root one after another; unreadable text yields no chain. */
function chainOf(caCrtPem: string | undefined): string[] {
  try {
    return caCrtPem ? splitPemBlocks(caCrtPem, 'CERTIFICATE').map((b) => b.pem) : [];
  } catch {
    return [];
  }
}

function notAfterOf(crtPem: string | undefined): Date | undefined {
  try {
    return crtPem ? describeCertificate(crtPem).notAfter : undefined;
  } catch {
    return undefined;
  }
}

function sameKey(crtPem: string | undefined, csrPem: string): boolean {
  try {
    return !!crtPem && describeCertificate(crtPem).publicKeyFingerprint === parseCsr(csrPem).publicKeyFingerprint;
  } catch {
    return false;
  }
}
