/**
 * certbridge order requests → GoGetSSL's form fields for add_ssl_order /
 * add_ssl_renew_order (suppliers.md §3.4) and reissue (§3.6). Called by the adapter; pure.
 * Throws SupplierError invalid_request/action_required when the request cannot be
 * expressed (an e-mail validation without an address), before anything is sent.
 */
import { SupplierError } from '../errors';
import type { Contact, DcvChoice, OrderRequest, ValidationLevel } from '../supplier';
import { SUPPLIER_CODE } from './client';
import { DISPLAY_NAME, toGoGetSslMethod, webserverTypeFor } from './map';

export interface ProductFacts {
  brand: string;
  validation: ValidationLevel;
  /** Whether extra names go into dns_names (multi-domain products). */
  sanEnabled: boolean;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function choiceFor(dcv: DcvChoice[], domain: string): DcvChoice {
  const choice = dcv.find((c) => sameName(c.domain, domain)) ?? dcv[0];
  if (!choice) throw invalid(`no validation method was chosen for ${domain}`);
  if (choice.method === 'email' && !choice.email) throw invalid(`e-mail validation for ${domain} needs an approver address`);
  return choice;
}

/** One `approver_emails` entry: the address for e-mail validation, else the method name. */
const approverEntry = (c: DcvChoice) => (c.method === 'email' ? c.email! : toGoGetSslMethod(c.method));

/** CSR, names and validation: the part shared by new orders, renewals and reissues. */
export function validationFields(input: { csrPem: string; commonName: string; dnsNames: string[]; dcv: DcvChoice[] }, product: ProductFacts): Record<string, string> {
  const main = choiceFor(input.dcv, input.commonName);
  const form: Record<string, string> = {
    csr: input.csrPem,
    webserver_type: webserverTypeFor(product.brand),
    dcv_method: toGoGetSslMethod(main.method),
  };
  if (main.method === 'email') form.approver_email = main.email!;
  // Single-name products cover the www. form by themselves and accept no dns_names.
  const sans = product.sanEnabled ? [...new Set(input.dnsNames.filter((n) => !sameName(n, input.commonName)))] : [];
  if (sans.length) {
    form.dns_names = sans.join(',');
    form.approver_emails = sans.map((n) => approverEntry(choiceFor(input.dcv, n))).join(',');
  }
  return form;
}

function contact(prefix: 'admin' | 'tech', c: Contact): Record<string, string> {
  const f: Record<string, string | undefined> = {
    firstname: c.firstName,
    lastname: c.lastName,
    organization: c.organization,
    title: c.jobTitle || 'IT',
    email: c.email,
    phone: c.phone,
    addressline1: c.address1,
    addressline2: c.address2,
    city: c.city,
    region: c.state,
    postalcode: c.postcode,
    country: c.country,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v).map(([k, v]) => [`${prefix}_${k}`, v!]));
}

/** The full add_ssl_order body. certbridge has one contact; GoGetSSL requires admin and tech. */
export function newOrderForm(req: OrderRequest, product: ProductFacts): Record<string, string> {
  const form: Record<string, string> = {
    product_id: req.productId,
    period: String(req.months),
    server_count: '-1',
    signature_hash: 'SHA2',
    ...validationFields(req, product),
    ...contact('admin', req.admin),
    ...contact('tech', req.admin),
  };
  if (product.validation !== 'DV') {
    const c = req.admin;
    if (!c.organization) throw invalid(`${product.validation} certificates need the organisation's name`);
    Object.assign(form, {
      org_name: c.organization,
      org_addressline1: c.address1,
      org_city: c.city,
      org_region: c.state,
      org_postalcode: c.postcode,
      org_country: c.country,
      org_phone: c.phone,
    });
  }
  return form;
}

/** change_domains_validation_method's aligned lists. */
export function validationChange(dcv: DcvChoice[]): { domains: string[]; methods: string[] } {
  for (const c of dcv) if (c.method === 'email' && !c.email) throw invalid(`e-mail validation for ${c.domain} needs an approver address`);
  return { domains: dcv.map((c) => c.domain), methods: dcv.map(approverEntry) };
}

function invalid(what: string): SupplierError {
  return new SupplierError(SUPPLIER_CODE, 'invalid_request', 'action_required', `${DISPLAY_NAME} order not sent: ${what} — complete the order details and submit again`);
}
