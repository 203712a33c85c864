/**
 * ispmanager (BILLmanager reseller API) behind certbridge's Supplier contract. Translation
 * only: the wire calls are in api.ts, the code tables in map.ts, the catalogue in
 * products.ts, validation data in dcv.ts, duplicate-order protection in idempotency.ts.
 * The order service calls it through the registry; the settings page uses countries().
 *
 * Errors: SupplierError only. Besides what the client maps, this file raises
 * invalid_request/action_required for requests ispmanager cannot express (a CSR that does
 * not match the order, mixed validation methods, a missing approver address), not_found for
 * an id that cannot be an ispmanager id, and unsupported for operations ispmanager lacks.
 */
import { CsrError, parseCsr, type ParsedCsr } from '../../crypto/csr';
import { SupplierError } from '../errors';
import {
  genericApproverEmails,
  type Capabilities,
  type Contact,
  type DcvChoice,
  type DcvMethod,
  type OrderRequest,
  type OrderState,
  type Supplier,
  type SupplierProduct,
} from '../supplier';
import type { ContactParams, IspmanagerApi } from './api';
import { splitCertificateFile } from './certificate-file';
import { certificateNames, dcvInstructions } from './dcv';
import { CODE, DISPLAY_NAME } from './identity';
import { findPlacedOrder, PlacedOrders, type PlacedOrderQuery } from './idempotency';
import { approverMethodFor, dcvMethodFor, normalizeStatus, rawStatus } from './map';
import { altnameAddon, toProduct } from './products';

/**
 * Renewal and revocation are not among ispmanager's documented certificate functions;
 * changing the validation method after ordering and reading the balance have no documented
 * call either.
 */
export const CAPABILITIES: Capabilities = { reissue: true, renew: false, cancel: true, revoke: false, resendValidation: true, changeValidation: false, balance: false };

export interface IspmanagerOptions {
  /** The account's billing currency (ispmanager's price list does not name it). */
  currency: string;
  /** Provider (project) id for pricelist.export, when the account needs one. */
  project?: string;
  now?: () => Date;
}

/** What a reissue changes: nothing (same CSR), the CSR, or the names — one at a time. */
export interface ReissueRequest {
  csrPem?: string;
  /** The complete list of names after the reissue, common name included. */
  dnsNames?: string[];
  dcv: DcvChoice[];
}

export class IspmanagerSupplier implements Supplier {
  readonly code = CODE;
  readonly displayName = DISPLAY_NAME;
  readonly capabilities = CAPABILITIES;
  private readonly placed = new PlacedOrders();

  constructor(
    private readonly api: IspmanagerApi,
    private readonly o: IspmanagerOptions,
  ) {}

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  async listProducts(): Promise<SupplierProduct[]> {
    const entries = await this.api.pricelist(this.o.project);
    return entries.map((p) => toProduct(p, this.o.currency)).filter((p): p is SupplierProduct => p !== undefined);
  }

  /** ispmanager accepts only the five generic addresses of a name; there is no lookup call. */
  async approverEmails(_productId: string, domain: string): Promise<string[]> {
    return genericApproverEmails(domain);
  }

  async checkConnection(): Promise<{ detail: string }> {
    const certificates = await this.api.listCertificates();
    return { detail: `Signed in to ${new URL(this.api.endpoint).host} as ${this.api.account}; the account holds ${certificates.length} certificate(s)` };
  }

  async placeOrder(req: OrderRequest): Promise<OrderState> {
    const csr = readCsr(req.csrPem);
    const cn = req.commonName.toLowerCase();
    if (csr.commonName.toLowerCase() !== cn) {
      throw actionRequired(`The CSR is for ${csr.commonName} but the order is for ${req.commonName}; ispmanager takes the common name from the CSR — generate a CSR for ${req.commonName}`);
    }
    const names = [...new Set([cn, ...req.dnsNames.map((n) => n.toLowerCase())])];
    const { method, approverMethod, emails } = validationFor(names, req.dcv);
    const query: PlacedOrderQuery = { productId: req.productId, months: req.months, commonName: cn, dnsNames: names, csrFingerprint: csr.publicKeyFingerprint };

    const known = this.placed.get(req.idempotencyKey) ?? (await findPlacedOrder(this.api, query, this.now()));
    if (known) {
      this.placed.remember(req.idempotencyKey, known);
      return this.getOrder(known);
    }

    const altNames = names.slice(1);
    const contact = contactOf(req.admin);
    const { itemId } = await this.api.orderWithCsr({
      pricelist: req.productId,
      months: req.months,
      csrPem: csr.pem,
      altNames,
      approverMethod,
      approverEmails: method === 'email' ? emails : [],
      addon: altNames.length ? await this.extraNamesAddon(req.productId, names.length) : undefined,
      admin: contact,
      // The order request carries one contact; ispmanager wants a technical one as well.
      tech: contact,
    });
    const id = itemId ?? (await findPlacedOrder(this.api, query, this.now()));
    if (!id) {
      throw new SupplierError(CODE, 'temporary', 'transient', `${DISPLAY_NAME} accepted the order but does not list it yet; certbridge will look for it again before ordering anything`);
    }
    this.placed.remember(req.idempotencyKey, id);
    return this.getOrder(id);
  }

  async getOrder(supplierOrderId: string): Promise<OrderState> {
    const id = orderId(supplierOrderId);
    const d = await this.api.certificate(id);
    const status = normalizeStatus(d, this.now());
    const state: OrderState = {
      supplierOrderId: d.id,
      status,
      rawStatus: rawStatus(d),
      dcv: dcvInstructions(d, status),
      ...(d.statusMsg && { message: `${DISPLAY_NAME} says: ${d.statusMsg}` }),
    };
    if (status !== 'issued') return state;
    return { ...state, ...splitCertificateFile(await this.api.certificateFile(id, 'crt')) };
  }

  /** certificate.delete; ispmanager takes no reason. */
  async cancel(supplierOrderId: string, _reason: string): Promise<void> {
    await this.api.deleteCertificate(orderId(supplierOrderId));
  }

  /**
   * certificate.reissue.step2: with the current CSR, a new CSR, or a new set of names (the
   * common name stays). ispmanager does one kind of change per reissue.
   */
  async reissue(supplierOrderId: string, req: ReissueRequest): Promise<OrderState> {
    const elid = orderId(supplierOrderId);
    const current = await this.api.certificate(elid);
    const currentNames = certificateNames(current);
    const wanted = req.dnsNames ? [...new Set(req.dnsNames.map((n) => n.toLowerCase()))] : currentNames;
    const namesChange = [...wanted].sort().join(' ') !== [...currentNames].sort().join(' ');
    if (req.csrPem && namesChange) {
      throw new SupplierError(CODE, 'unsupported', 'permanent', `${DISPLAY_NAME} reissues with either a new CSR or new names, not both at once — reissue with the new names first, then with the new CSR`);
    }
    const cn = currentNames[0];
    if (namesChange && !wanted.includes(cn)) {
      throw new SupplierError(CODE, 'unsupported', 'permanent', `${DISPLAY_NAME} cannot change a certificate's common name (${cn}) in a reissue — place a new order for the new name`);
    }
    const names = [cn, ...wanted.filter((n) => n !== cn)];
    const { method, approverMethod, emails } = validationFor(names, req.dcv);
    const approverEmails = method === 'email' ? emails : [];
    if (req.csrPem) {
      await this.api.reissue({ elid, kind: 'manual', csrPem: readCsr(req.csrPem).pem, approverMethod, approverEmails });
    } else if (namesChange) {
      await this.api.reissue({ elid, kind: 'altname', altNames: names.slice(1), approverMethod, approverEmails });
    } else {
      await this.api.reissue({ elid, kind: 'oldrequest', approverMethod, approverEmails });
    }
    return this.getOrder(elid);
  }

  /**
   * Asks again for validation: the approval e-mails (optionally sending the main name's one
   * to a new address) or a fresh DNS check. ispmanager has no re-check for file validation.
   */
  async resendValidation(supplierOrderId: string, email?: string): Promise<void> {
    const elid = orderId(supplierOrderId);
    const d = await this.api.certificate(elid);
    const names = certificateNames(d);
    const method = dcvMethodFor(d.approverMethod) ?? 'email';
    if (method === 'dns_txt' || method === 'dns_cname') return this.api.dnsVerify(elid, names);
    if (method !== 'email') {
      throw new SupplierError(CODE, 'unsupported', 'permanent', `${DISPLAY_NAME} has no call to re-check file validation; the CA checks the file again by itself`);
    }
    const emails = names.map((_, i) => (i === 0 && email ? email : d.approverEmails[i] ?? ''));
    const missing = names.find((_, i) => !emails[i]);
    if (missing) throw actionRequired(`No approver address is known for ${missing}; choose one of ${genericApproverEmails(missing).join(', ')}`);
    await this.api.resendValidationEmail(elid, emails);
  }

  /** Country ids ispmanager's CSR form uses (field_country), for the generated-key order path. */
  async countries(productId: string): Promise<{ id: string; name: string }[]> {
    return this.api.countries(productId, 12);
  }

  private async extraNamesAddon(productId: string, nameCount: number): Promise<{ id: string; count: number }> {
    const entry = (await this.api.pricelist(this.o.project)).find((p) => p.id === productId);
    if (!entry) throw new SupplierError(CODE, 'invalid_request', 'permanent', `${DISPLAY_NAME} does not sell tariff ${productId} (any more) — sync the product catalogue`);
    const addon = altnameAddon(entry);
    if (!addon) {
      throw new SupplierError(CODE, 'invalid_request', 'action_required', `${entry.name} at ${DISPLAY_NAME} covers a single name; it cannot carry ${nameCount} names — choose a multi-domain product or remove the extra names`);
    }
    const included = toProduct(entry, this.o.currency)?.includedDomains ?? 1;
    return { id: addon.id, count: Math.max(0, nameCount - included) };
  }
}

function readCsr(pem: string): ParsedCsr {
  try {
    return parseCsr(pem);
  } catch (e) {
    if (e instanceof CsrError) throw actionRequired(e.message);
    throw e;
  }
}

/**
 * ispmanager validates a whole order one way (approver_method), with one approver address
 * per name (approver_email_1 for the common name, then the alt names in order).
 */
function validationFor(names: string[], dcv: DcvChoice[]): { method: DcvMethod; approverMethod: string; emails: string[] } {
  const choiceFor = (name: string) => dcv.find((c) => c.domain.toLowerCase() === name);
  const methods = new Set(names.map((n) => choiceFor(n)?.method ?? dcv[0]?.method ?? 'email'));
  if (methods.size > 1) throw actionRequired(`${DISPLAY_NAME} validates every name of a certificate the same way; choose one method for all names (asked: ${[...methods].join(', ')})`);
  const method = [...methods][0];
  const approverMethod = approverMethodFor(method);
  if (!approverMethod) throw actionRequired(`${DISPLAY_NAME} does not offer ${method} validation; choose e-mail, DNS (TXT or CNAME) or http file validation`);
  const emails = method === 'email' ? names.map((n) => choiceFor(n)?.email ?? '') : [];
  const missing = names.find((_, i) => method === 'email' && !emails[i]);
  if (missing) throw actionRequired(`Choose an approver address for ${missing}: one of ${genericApproverEmails(missing).join(', ')}`);
  return { method, approverMethod, emails };
}

function contactOf(c: Contact): ContactParams {
  return { firstName: c.firstName, lastName: c.lastName, jobTitle: c.jobTitle || 'Administrator', email: c.email, phone: c.phone };
}

/** ispmanager ids are numbers; anything else cannot exist there. */
function orderId(supplierOrderId: string): string {
  const id = supplierOrderId.trim();
  if (!/^\d+$/.test(id)) throw new SupplierError(CODE, 'not_found', 'permanent', `${DISPLAY_NAME} certificate ids are numbers; "${supplierOrderId}" cannot be one`);
  return id;
}

function actionRequired(message: string): SupplierError {
  return new SupplierError(CODE, 'invalid_request', 'action_required', message);
}
