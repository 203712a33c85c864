/**
 * Checks an OrderRequest against what Enom can sell before any money is spent, and turns it
 * into Enom's parameters: contact blocks (Admin, Tech, Billing — the Billing JobTitle carries
 * the order tag, see ledger.ts) and the organisation block Comodo purchases need.
 *
 * Called by adapter.ts / purchase.ts. `checkOrder` throws SupplierError: invalid_request /
 * permanent for what the hosting company configured wrongly (unknown product, term Enom does
 * not sell), invalid_request / action_required for what the client can fix (CSR, names,
 * validation method, approver address).
 */
import { CsrError, parseCsr, type ParsedCsr } from '../../crypto/csr';
import { SupplierError } from '../errors';
import type { Contact, DcvChoice, OrderRequest } from '../supplier';
import type { EnomContact, PurchaseCertInput } from './api';
import { enomProduct, type EnomProduct } from './catalogue';
import { ENOM, enomPhone, toEnomDvAuthMethod } from './map';

export interface CheckedOrder {
  product: EnomProduct;
  years: number;
  csr: ParsedCsr;
  /** The validation choice for the common name: Enom validates one name per certificate. */
  dcv: DcvChoice;
}

const refuse = (kind: 'permanent' | 'action_required', message: string) => new SupplierError(ENOM.code, 'invalid_request', kind, message);

const bare = (name: string) => name.toLowerCase().replace(/^\*\./, '').replace(/^www\./, '');

export function checkOrder(req: OrderRequest): CheckedOrder {
  const product = enomProduct(req.productId);
  if (!product) throw refuse('permanent', `Enom product "${req.productId}" is not in certbridge's Enom catalogue — pick another product in the product's Module Settings`);
  const years = req.months / 12;
  if (!Number.isInteger(years) || years < 1 || years > product.maxYears) {
    throw refuse('permanent', `Enom sells ${product.name} for 1 to ${product.maxYears} years, not ${req.months} months — change the product's term`);
  }

  const cn = req.commonName.trim().toLowerCase();
  if (product.wildcard !== cn.startsWith('*.')) {
    throw refuse('action_required', product.wildcard ? `${product.name} is a wildcard certificate: the CSR's common name must start with "*." (it is ${cn})` : `${product.name} is not a wildcard certificate: the common name ${cn} cannot start with "*."`);
  }
  // Enom certificates carry one name; the CAs add the bare/www. form themselves.
  const extra = req.dnsNames.map((n) => n.toLowerCase()).filter((n) => n !== cn && bare(n) !== bare(cn));
  if (extra.length > 0) throw refuse('action_required', `${product.name} from Enom covers ${cn} only (with its www. form); remove ${extra.join(', ')} or choose a multi-domain product`);

  let csr: ParsedCsr;
  try {
    csr = parseCsr(req.csrPem);
  } catch (e) {
    if (e instanceof CsrError) throw refuse('action_required', e.message);
    throw e;
  }

  const dcv = req.dcv.find((d) => d.domain.toLowerCase() === cn) ?? req.dcv[0];
  if (!dcv) throw refuse('action_required', `Choose how to validate ${cn}`);
  if (!product.dcvMethods.includes(dcv.method) || !toEnomDvAuthMethod(dcv.method)) {
    throw refuse('action_required', `Enom validates ${product.name} by ${product.dcvMethods.join(', ')} only, not ${dcv.method} — choose another validation method`);
  }
  if (dcv.method === 'email' && !dcv.email) throw refuse('action_required', `Choose the approver e-mail address for ${cn}`);
  return { product, years, csr, dcv };
}

/** A certbridge contact as an Enom contact block. */
export function enomContact(c: Contact, jobTitle?: string): EnomContact {
  const country = c.country.trim().toUpperCase();
  return {
    fName: c.firstName,
    lName: c.lastName,
    // Enom requires OrgName and JobTitle; individuals have neither.
    orgName: c.organization?.trim() || `${c.firstName} ${c.lastName}`,
    jobTitle: jobTitle ?? (c.jobTitle?.trim() || 'Administrator'),
    address1: c.address1,
    address2: c.address2 ?? '',
    city: c.city,
    stateProvince: c.state,
    stateProvinceChoice: country === 'US' ? 'S' : 'P',
    postalCode: c.postcode,
    country,
    phone: enomPhone(c.phone),
    phoneExt: '',
    fax: '',
    emailAddress: c.email,
  };
}

/** CertPurchaseCert's Comodo organisation block: the CSR's subject first, the admin contact after. */
export function comodoOrganization(csr: ParsedCsr, admin: Contact): NonNullable<PurchaseCertInput['comodo']> {
  const s = csr.subject;
  return {
    organization: s.organization?.trim() || admin.organization?.trim() || `${admin.firstName} ${admin.lastName}`,
    organizationUnit: s.organizationalUnit?.trim() || '',
    address1: admin.address1,
    address2: admin.address2 ?? '',
    locality: s.locality?.trim() || admin.city,
    stateProvince: s.state?.trim() || admin.state,
    postalCode: admin.postcode,
    country: (s.country?.trim() || admin.country).toUpperCase(),
  };
}
