/**
 * One typed function per Enom command certbridge uses (suppliers.md §2.3–2.6), no policy:
 * parameters in Enom's names, answers read into plain records with Enom's values kept as
 * strings. Which command runs when, and what a value means, is the adapter's business.
 *
 * Called by adapter.ts. Errors are the client's (see client.ts); `emptyCart` swallows Enom's
 * "There are no items in the cart to be deleted", which only means there was nothing to do.
 */
import { isSupplierError, type SupplierErrorKind } from '../errors';
import type { EnomClient } from './client';
import { enomBool, parseEnomAmount, parseEnomDate } from './map';
import { child, childrenOf, findFirst, textAt, type XmlNode } from './xml';

export interface EnomCertRow {
  certId: string;
  orderId: string;
  domainName: string;
  prodType: string;
  statusId: string;
  statusText: string;
  validityMonths: number;
  isExpired: boolean;
  orderDate?: Date;
  configDate?: Date;
  expirationDate?: Date;
}

export interface EnomApprover {
  email: string;
  /** Domain (WHOIS contacts), Generic (admin@ …) or Manual. */
  type: string;
}

export interface EnomCertDetail {
  certId: string;
  orderId: string;
  domainName: string;
  prodType: string;
  statusId: string;
  statusText: string;
  statusDetail: string;
  message: string;
  expirationDate?: Date;
  reissueStatus: string;
  dvAuthMethod: string;
  approverEmail: string;
  authStatusName: string;
  fileAuthName: string;
  fileAuthContents: string;
  dnsAuthEntry: string;
  dnsAuthAddress: string;
  dnsAuthType: string;
  /** Raw field texts (PEM inside CDATA, possibly indented). */
  sslCertificate: string;
  caCerts: string;
  intermediateCertificates: string[];
  csr: string;
  billingJobTitle: string;
}

export interface EnomContact {
  fName: string;
  lName: string;
  orgName: string;
  jobTitle: string;
  address1: string;
  address2: string;
  city: string;
  stateProvince: string;
  /** S: the region is a state (param <Type>State), P: a province (<Type>Province). */
  stateProvinceChoice: 'S' | 'P';
  postalCode: string;
  country: string;
  phone: string;
  phoneExt: string;
  fax: string;
  emailAddress: string;
}

export interface ConfigureCertInput {
  certId: string;
  webServerType: number;
  csr: string;
  admin: EnomContact;
  tech: EnomContact;
  billing: EnomContact;
}

export interface PurchaseCertInput {
  certId: string;
  approverEmail?: string;
  dvAuthMethod?: 'Email' | 'DNS' | 'File';
  /** Comodo only: the organisation block CertPurchaseCert requires. */
  comodo?: {
    organization: string;
    organizationUnit: string;
    address1: string;
    address2: string;
    locality: string;
    stateProvince: string;
    postalCode: string;
    country: string;
  };
}

export interface PurchaseCertResult {
  success: boolean;
  certId: string;
  dvAuthMethod: string;
  approverEmail: string;
  fileAuthName: string;
  fileAuthContents: string;
  dnsAuthEntry: string;
  dnsAuthAddress: string;
}

export interface CsrSummary {
  success: boolean;
  domainName: string;
  organization: string;
  country: string;
}

/** Kind for Enom's refusals of what the client entered (CSR, contacts, approver). */
const CLIENT_FIXABLE: { fallbackKind: SupplierErrorKind } = { fallbackKind: 'action_required' };

export class EnomApi {
  constructor(private readonly client: EnomClient) {}

  async getBalance(): Promise<{ balance?: string; availableBalance?: string }> {
    const r = await this.client.call('GetBalance');
    return { balance: parseEnomAmount(textAt(r, 'Balance')), availableBalance: parseEnomAmount(textAt(r, 'AvailableBalance')) };
  }

  /** PE_GetProductPrice: the wholesale price per year in the `years` bracket. */
  async productPrice(prodType: number, years: number): Promise<{ price?: string; enabled: boolean }> {
    const r = await this.client.call('PE_GetProductPrice', { ProductType: prodType, Years: years });
    const p = child(r, 'productprice');
    return { price: parseEnomAmount(textAt(p, 'price')), enabled: enomBool(textAt(p, 'productenabled')) };
  }

  async emptyCart(): Promise<void> {
    try {
      await this.client.call('DeleteFromCart', { EmptyCart: 'On' });
    } catch (e) {
      if (isSupplierError(e) && /no items in the cart/i.test(e.supplierText ?? '')) return;
      throw e;
    }
  }

  async addToCart(input: { endUserIp: string; productType: string; years: number }): Promise<void> {
    await this.client.call('AddToCart', { EndUserIP: input.endUserIp, ProductType: input.productType, Quantity: input.years, ClearItems: 'yes' });
  }

  /** Buys the active cart items, charging the balance. */
  async insertNewOrder(input: { endUserIp: string }): Promise<{ orderId: string }> {
    const r = await this.client.call('InsertNewOrder', { EndUserIP: input.endUserIp });
    return { orderId: findFirst(r, 'OrderID')?.text ?? '' };
  }

  async getCerts(filter: { prodType?: number; statusId?: number; domainNameContains?: string; startPosition?: number; pageSize?: number; sortDescending?: boolean }): Promise<{ certs: EnomCertRow[]; total: number }> {
    const r = await this.client.call('CertGetCerts', {
      ProdType: filter.prodType,
      CertStatusID: filter.statusId,
      DomainNameContains: filter.domainNameContains,
      SortBy: 'CertID',
      SortByDirection: filter.sortDescending ? 'Desc' : 'Asc',
      StartPosition: filter.startPosition ?? 1,
      PagingPageSize: filter.pageSize ?? 250,
    });
    const certs = child(r, 'CertGetCerts', 'Certs');
    const total = Number.parseInt(textAt(certs, 'TotalRecords') || textAt(r, 'TotalCertCount'), 10);
    const rows = childrenOf(certs, 'Cert').map(certRow);
    return { certs: rows, total: Number.isFinite(total) ? total : rows.length };
  }

  async getCertDetail(certId: string): Promise<EnomCertDetail> {
    const r = await this.client.call('CertGetCertDetail', { CertID: certId });
    const d = child(r, 'CertGetCertDetail');
    const t = (name: string) => textAt(d, name);
    return {
      certId: t('CertID') || certId,
      orderId: t('OrderID'),
      domainName: t('DomainName'),
      prodType: t('ProdType'),
      statusId: t('CertStatusID'),
      statusText: t('CertStatus'),
      statusDetail: t('CertStatusDetail'),
      message: t('Message'),
      expirationDate: parseEnomDate(t('ExpirationDate')),
      reissueStatus: t('ReissueStatus'),
      dvAuthMethod: t('DVAuthMethod'),
      approverEmail: t('ApproverEmail'),
      authStatusName: t('AuthStatusName'),
      fileAuthName: t('FileAuthName'),
      fileAuthContents: t('FileAuthContents'),
      dnsAuthEntry: t('DNSAuthEntry'),
      dnsAuthAddress: t('DNSAuthAddress'),
      dnsAuthType: t('DNSAuthType'),
      sslCertificate: t('SSLCertificate'),
      caCerts: t('CACerts'),
      intermediateCertificates: [...(child(d, 'IntermediateCertificates')?.children.values() ?? [])].flat().map((n) => n.text),
      csr: t('CSR'),
      billingJobTitle: t('BillingJobTitle'),
    };
  }

  /** Stores CSR and contacts; Enom answers with the approver addresses the CA accepts. */
  async configureCert(input: ConfigureCertInput): Promise<{ approvers: EnomApprover[]; csrDomain: string }> {
    const params: Record<string, string | number> = { CertID: input.certId, WebServerType: input.webServerType, CSR: input.csr };
    for (const [type, c] of [['Admin', input.admin], ['Tech', input.tech], ['Billing', input.billing]] as const) Object.assign(params, contactParams(type, c));
    const r = await this.client.call('CertConfigureCert', params, CLIENT_FIXABLE);
    const payload = child(r, 'CertConfigureCert');
    return { approvers: approversIn(payload), csrDomain: textAt(payload, 'CSRData', 'DomainName') };
  }

  /** Submits the configured certificate to the CA. */
  async purchaseCert(input: PurchaseCertInput): Promise<PurchaseCertResult> {
    const c = input.comodo;
    const r = await this.client.call(
      'CertPurchaseCert',
      {
        CertID: input.certId,
        ApproverEmail: input.approverEmail,
        DVAuthMethod: input.dvAuthMethod,
        ...(c && {
          CSROrganization: c.organization,
          CSROrganizationUnit: c.organizationUnit,
          CSRAddress1: c.address1,
          CSRAddress2: c.address2,
          CSRLocality: c.locality,
          CSRStateProvince: c.stateProvince,
          CSRPostalCode: c.postalCode,
          CSRCountry: c.country,
        }),
      },
      CLIENT_FIXABLE,
    );
    const p = child(r, 'CertPurchaseCert');
    const t = (name: string) => textAt(p, name);
    return {
      success: enomBool(t('Success')) || t('CertID') !== '',
      certId: t('CertID') || input.certId,
      dvAuthMethod: t('DVAuthMethod'),
      approverEmail: t('ApproverEmail'),
      fileAuthName: t('FileAuthName'),
      fileAuthContents: t('FileAuthContents'),
      dnsAuthEntry: t('DNSAuthEntry'),
      dnsAuthAddress: t('DNSAuthAddress'),
    };
  }

  async getApproverEmails(certId: string, domain: string): Promise<EnomApprover[]> {
    const r = await this.client.call('CertGetApproverEmail', { CertID: certId, Domain: domain });
    return approversIn(child(r, 'CertGetApproverEmail'));
  }

  async parseCsr(certId: string, csr: string): Promise<CsrSummary> {
    const r = await this.client.call('CertParseCSR', { CertID: certId, CSR: csr }, CLIENT_FIXABLE);
    const p = child(r, 'CertParseCSR') ?? r;
    return { success: enomBool(textAt(p, 'Success')), domainName: textAt(p, 'DomainName'), organization: textAt(p, 'Organization'), country: textAt(p, 'Country') };
  }

  async reissueCert(certId: string, csr: string): Promise<{ success: boolean; message: string }> {
    const r = await this.client.call('CertReissueCert', { CertID: certId, CSR: csr }, CLIENT_FIXABLE);
    const p = child(r, 'CertReissueCert') ?? r;
    return { success: enomBool(textAt(p, 'Success')), message: textAt(p, 'Message') };
  }

  async resendApproverEmail(certId: string): Promise<void> {
    await this.client.call('CertResendApproverEmail', { CertID: certId });
  }

  async changeApproverEmail(certId: string, approverEmail: string): Promise<void> {
    await this.client.call('CertChangeApproverEmail', { CertID: certId, ApproverEmail: approverEmail }, CLIENT_FIXABLE);
  }
}

function certRow(c: XmlNode): EnomCertRow {
  const t = (name: string) => textAt(c, name);
  return {
    certId: t('CertID'),
    orderId: t('OrderID'),
    domainName: t('DomainName'),
    prodType: t('ProdType'),
    statusId: t('CertStatusID'),
    statusText: t('CertStatus'),
    validityMonths: Number.parseInt(t('ValidityPeriod'), 10) || 0,
    isExpired: enomBool(t('IsExpired')),
    orderDate: parseEnomDate(t('OrderDate')),
    configDate: parseEnomDate(t('ConfigDate')),
    expirationDate: parseEnomDate(t('ExpirationDate')),
  };
}

function approversIn(node: XmlNode | undefined): EnomApprover[] {
  return childrenOf(node, 'Approver')
    .map((a) => ({ email: textAt(a, 'ApproverEmail'), type: a.attrs.type ?? '' }))
    .filter((a) => a.email !== '');
}

function contactParams(type: 'Admin' | 'Tech' | 'Billing', c: EnomContact): Record<string, string> {
  return {
    [`${type}FName`]: c.fName,
    [`${type}LName`]: c.lName,
    [`${type}OrgName`]: c.orgName,
    [`${type}JobTitle`]: c.jobTitle,
    [`${type}Address1`]: c.address1,
    [`${type}Address2`]: c.address2,
    [`${type}City`]: c.city,
    [c.stateProvinceChoice === 'S' ? `${type}State` : `${type}Province`]: c.stateProvince,
    [`${type}StateProvinceChoice`]: c.stateProvinceChoice,
    [`${type}PostalCode`]: c.postalCode,
    [`${type}Country`]: c.country,
    [`${type}Phone`]: c.phone,
    [`${type}PhoneExt`]: c.phoneExt,
    [`${type}Fax`]: c.fax,
    [`${type}EmailAddress`]: c.emailAddress,
  };
}
