/**
 * One typed function per HEXONET command certbridge uses (suppliers.md §1.4–1.11), no policy:
 * the adapter decides what to call and when. Parameters go out in HEXONET's spelling, results
 * come back as plain objects with PEM joined from per-line properties.
 *
 * Errors: whatever HexonetClient.call throws (SupplierError); nothing else.
 */
import type { HexonetClient } from './client';
import type { HexonetValidation, RawValidation } from './map';
import { formatHexonetDate } from './map';
import { linesToPem, pemToLines, type Command, type HexonetResponse } from './wire';

export interface CertObject {
  id: string;
  status: string;
  statusDetails: string;
  certClass: string;
  commonName: string;
  domains: string[];
  crtPem?: string;
  /** Intermediate(s) and root, several PEM blocks in one column. */
  caCrtPem?: string;
  csrPem?: string;
  expirationDate?: string;
  createdDate?: string;
  /** Set on a renewal: the certificate this one replaces. */
  oldId?: string;
  validations: RawValidation[];
}

export interface HexonetContact {
  organization: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  email: string;
  street: string;
  city: string;
  province: string;
  zip: string;
  country: string;
  phone: string;
  fax: string;
}

export interface ValidationChoice {
  method: HexonetValidation;
  email?: string;
}

export interface CreateInput {
  certClass: string;
  period: number;
  csrPem: string;
  commonName: string;
  /** CN first, then the SANs; one validation per entry. */
  domains: string[];
  validations: ValidationChoice[];
  contact: HexonetContact;
  serverSoftware: 'APACHESSL' | 'APACHESSLEAY' | 'APACHE2' | 'IIS' | 'OTHER';
}

export interface UserStatus {
  user: string;
  accountCurrency: string;
  balance: string;
  credit: string;
  relations: { type: string; value: string }[];
}

export interface CertListRow {
  id: string;
  status: string;
  commonName: string;
  certClass: string;
  createdDate: string;
}

const col = (r: HexonetResponse, name: string): string[] => r.columns[name] ?? [];
const one = (r: HexonetResponse, name: string): string => col(r, name)[0] ?? '';
const opt = (r: HexonetResponse, name: string): string | undefined => one(r, name) || undefined;

/** The inline contact fields, unprefixed (the default contact) and per role, as the vendor module sends them. */
function contactFields(c: HexonetContact): Command {
  const out: Command = {};
  for (const prefix of ['', 'ADMINCONTACT', 'TECHCONTACT', 'BILLINGCONTACT']) {
    Object.assign(out, {
      [`${prefix}ORGANIZATION`]: c.organization,
      [`${prefix}FIRSTNAME`]: c.firstName,
      [`${prefix}LASTNAME`]: c.lastName,
      [`${prefix}NAME`]: `${c.firstName} ${c.lastName}`,
      [`${prefix}JOBTITLE`]: c.jobTitle,
      [`${prefix}EMAIL`]: c.email,
      [`${prefix}STREET`]: c.street,
      [`${prefix}CITY`]: c.city,
      [`${prefix}PROVINCE`]: c.province,
      [`${prefix}ZIP`]: c.zip,
      [`${prefix}COUNTRY`]: c.country,
      [`${prefix}PHONE`]: c.phone,
      [`${prefix}FAX`]: c.fax,
    });
  }
  return out;
}

function validationFields(domains: readonly string[], choices: readonly ValidationChoice[]): Command {
  return {
    DOMAIN: domains,
    VALIDATION: choices.map((v) => v.method),
    // Empty for non-e-mail methods keeps the indexes aligned with DOMAINn.
    VALIDATIONEMAIL: choices.some((v) => v.email) ? choices.map((v) => v.email ?? '') : undefined,
  };
}

function validationsOf(r: HexonetResponse): RawValidation[] {
  const domains = col(r, 'DOMAIN').length ? col(r, 'DOMAIN') : [one(r, 'SSLCERTCN') || one(r, 'CN')].filter(Boolean);
  return domains.map((domain, i) => ({
    domain,
    method: col(r, 'VALIDATION')[i] ?? '',
    email: col(r, 'VALIDATIONEMAIL')[i] ?? '',
    dnsRr: col(r, 'VALIDATIONDNSRR')[i] ?? '',
    url: col(r, 'VALIDATIONURL')[i] ?? '',
    urlContent: col(r, 'VALIDATIONURLCONTENT')[i] ?? '',
  }));
}

function certObject(r: HexonetResponse): CertObject {
  return {
    id: one(r, 'SSLCERTID'),
    status: one(r, 'STATUS'),
    statusDetails: one(r, 'STATUSDETAILS'),
    certClass: one(r, 'SSLCERTCLASS'),
    commonName: one(r, 'SSLCERTCN') || one(r, 'CN'),
    domains: col(r, 'DOMAIN'),
    crtPem: linesToPem(col(r, 'CRT')),
    caCrtPem: linesToPem(col(r, 'CACRT')),
    csrPem: linesToPem(col(r, 'CSR')),
    expirationDate: opt(r, 'EXPIRATIONDATE'),
    createdDate: opt(r, 'CREATEDDATE'),
    oldId: opt(r, 'OLD-SSLCERTID'),
    validations: validationsOf(r),
  };
}

export class HexonetApi {
  constructor(private readonly client: HexonetClient) {}

  async statusUser(withRelations: boolean): Promise<UserStatus> {
    const r = await this.client.call({ COMMAND: 'StatusUser', RELATIONS: withRelations ? 1 : 0 });
    const values = col(r, 'RELATIONVALUE');
    return {
      user: one(r, 'USER'),
      accountCurrency: one(r, 'ACCOUNTCURRENCY').toUpperCase(),
      balance: one(r, 'ACCOUNTCURRENT'),
      credit: one(r, 'ACCOUNTCREDIT'),
      relations: col(r, 'RELATIONTYPE').map((type, i) => ({ type, value: values[i] ?? '' })),
    };
  }

  /** The newest EUR → `currencyTo` rates HEXONET uses for conversions. */
  async exchangeRates(currencyTo: string): Promise<{ from: string; to: string; rate: number; date: string }[]> {
    const r = await this.client.call({ COMMAND: 'QueryExchangeRates', CURRENCYTO: currencyTo });
    return col(r, 'RATE').map((rate, i) => ({ from: col(r, 'CURRENCYFROM')[i] ?? '', to: col(r, 'CURRENCYTO')[i] ?? '', rate: Number(rate), date: col(r, 'DATE')[i] ?? '' }));
  }

  async createSslCert(input: CreateInput): Promise<CertObject> {
    const r = await this.client.call({
      COMMAND: 'CreateSSLCert',
      SSLCERTCLASS: input.certClass,
      PERIOD: input.period,
      CSR: pemToLines(input.csrPem),
      SSLCERTDOMAIN: input.commonName,
      ...validationFields(input.domains, input.validations),
      ALTERNATECN: input.domains.length > 1 ? input.domains.slice(1) : undefined,
      SERVERSOFTWARE: input.serverSoftware,
      ...contactFields(input.contact),
    });
    return certObject(r);
  }

  async statusSslCert(id: string): Promise<CertObject> {
    return certObject(await this.client.call({ COMMAND: 'StatusSSLCert', SSLCERTID: id }));
  }

  async querySslCertList(filter: { commonName?: string; certClass?: string; createdSince?: Date; limit?: number }): Promise<CertListRow[]> {
    const r = await this.client.call({
      COMMAND: 'QuerySSLCertList',
      WIDE: 1,
      SSLCERTCN: filter.commonName,
      SSLCERTCLASS: filter.certClass,
      MINCREATEDDATE: filter.createdSince ? formatHexonetDate(filter.createdSince) : undefined,
      ORDERBY: 'CREATEDDATEDESC',
      LIMIT: filter.limit ?? 100,
    });
    return col(r, 'SSLCERTID').map((id, i) => ({
      id,
      status: col(r, 'SSLCERTSTATUS')[i] ?? '',
      commonName: col(r, 'SSLCERTCN')[i] ?? '',
      certClass: col(r, 'SSLCERTCLASS')[i] ?? '',
      createdDate: col(r, 'SSLCERTCREATEDDATE')[i] ?? '',
    }));
  }

  /** A new certificate object replacing `id`; charged like an order. */
  async renewSslCert(id: string, input: { period: number; csrPem?: string; domains?: string[]; validations?: ValidationChoice[] }): Promise<CertObject> {
    const r = await this.client.call({
      COMMAND: 'RenewSSLCert',
      SSLCERTID: id,
      PERIOD: input.period,
      CSR: input.csrPem ? pemToLines(input.csrPem) : undefined,
      ...(input.domains && input.validations ? validationFields(input.domains, input.validations) : {}),
    });
    return certObject(r);
  }

  /** Same SSLCERTID, new CSR; answers with the new validation data only. */
  async reissueSslCert(id: string, input: { csrPem: string; domains: string[]; validations: ValidationChoice[] }): Promise<RawValidation[]> {
    const r = await this.client.call({ COMMAND: 'ReissueSSLCert', SSLCERTID: id, CSR: pemToLines(input.csrPem), ...validationFields(input.domains, input.validations) });
    return validationsOf(r);
  }

  async revokeSslCert(id: string, reason: string): Promise<void> {
    await this.client.call({ COMMAND: 'RevokeSSLCert', SSLCERTID: id, REASON: reason });
  }

  /** Sends the approver e-mail again; a new `email` also changes the approver. */
  async resendSslCertEmail(id: string, email?: string): Promise<void> {
    await this.client.call({ COMMAND: 'ResendSSLCertEmail', SSLCERTID: id, RESENDEMAILTYPE: 'ApproverEmail', EMAIL: email });
  }

  async dcvEmailAddresses(certClass: string, domain: string): Promise<{ email: string; level: string }[]> {
    const r = await this.client.call({ COMMAND: 'QuerySSLCertDCVEMailAddressList', SSLCERTCLASS: certClass, DOMAIN: domain });
    return col(r, 'EMAIL').map((email, i) => ({ email, level: col(r, 'LEVEL')[i] ?? '' }));
  }

  async parseSslCertCsr(csrPem: string): Promise<{ commonName: string; alternateNames: string[]; organization: string; country: string; keyBits?: number }> {
    const r = await this.client.call({ COMMAND: 'ParseSSLCertCSR', CSR: pemToLines(csrPem) });
    const bits = Number(one(r, 'RSAPUBLICKEYBITS'));
    return { commonName: one(r, 'CN'), alternateNames: col(r, 'ALTERNATECN'), organization: one(r, 'O'), country: one(r, 'C'), ...(bits > 0 ? { keyBits: bits } : {}) };
  }
}
