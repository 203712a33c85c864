/**
 * One typed function per ispmanager (BILLmanager reseller API) function used for SSL
 * certificates, following ispmanager's "Reselling SSL certificates via API" article: wire
 * names in, typed records out, no decisions. adapter.ts and idempotency.ts call it.
 *
 * Errors: whatever IspmanagerClient throws (see client.ts); nothing is caught here.
 */
import { dotted, list, record, text, type BillDoc } from './envelope';
import type { IspmanagerClient, Params } from './client';

export interface PricePeriod {
  /** "month" or "year" as ispmanager writes it. */
  type: string;
  length: number;
  /** As sent, e.g. "9.9"; formatted by products.ts. */
  cost: string;
}

export interface PricelistAddon {
  id: string;
  name: string;
  intname: string;
  periods: PricePeriod[];
}

export interface PricelistEntry {
  id: string;
  name: string;
  /** siteinfo's comma list of key=value flags, split. */
  siteinfo: Record<string, string>;
  currency: string;
  periods: PricePeriod[];
  addons: PricelistAddon[];
}

export interface CertificateListEntry {
  id: string;
  commonName: string;
  /** The tariff as the list shows it (often its name, not its id). */
  pricelist: string;
  createdate: string;
  expiredate: string;
  itemStatus: string;
  statusMsg: string;
}

export interface CertificateDetails {
  id: string;
  commonName: string;
  altNames: string[];
  pricelist: string;
  period: string;
  itemStatus: string;
  serviceStatus: string;
  createdate: string;
  expiredate: string;
  statusMsg: string;
  approverMethod: string;
  /** In name order: CN first, then the alt names. */
  approverEmails: string[];
  authDnsTxtValue: string;
  authFileName: string;
  authFileValue: string;
  authCnameName: string;
  authCnameValue: string;
  /** The CSR ispmanager holds for the certificate ('' when not shown). */
  csr: string;
}

export interface ContactParams {
  firstName: string;
  lastName: string;
  jobTitle: string;
  email: string;
  phone: string;
}

export interface OrderParams {
  pricelist: string;
  months: number;
  altNames: string[];
  approverMethod: string;
  /** approver_email_1 (the CN) … approver_email_N, in name order; empty for other methods. */
  approverEmails: string[];
  /** addon_<id>=<count>: the number of additional names bought on a multi-domain tariff. */
  addon?: { id: string; count: number };
  admin: ContactParams;
  tech: ContactParams;
}

export interface ManualCsrOrder extends OrderParams {
  csrPem: string;
}

export interface CsrSubjectParams {
  /** Numeric id from countries(). */
  country: string;
  commonName: string;
  state: string;
  city: string;
  organization: string;
  unit?: string;
  email?: string;
}

export interface GeneratedKeyOrder extends OrderParams {
  subject: CsrSubjectParams;
  csrPem: string;
  keyPem: string;
}

export type ReissueParams =
  | { elid: string; kind: 'oldrequest'; approverMethod: string; approverEmails: string[] }
  | { elid: string; kind: 'manual'; csrPem: string; approverMethod: string; approverEmails: string[] }
  | { elid: string; kind: 'altname'; altNames: string[]; approverMethod: string; approverEmails: string[] };

export class IspmanagerApi {
  constructor(private readonly client: IspmanagerClient) {}

  get endpoint(): string {
    return this.client.endpoint;
  }

  get account(): string {
    return this.client.account;
  }

  /** pricelist.export: the certificate tariffs this account may order, with costs. */
  async pricelist(project?: string): Promise<PricelistEntry[]> {
    const doc = await this.client.call('pricelist.export', { itemtype: 'certificate', onlyavailable: 'yes', project });
    return list(doc.pricelist).map((p) => {
      const price = record(p.price);
      return {
        id: text(p.id),
        name: text(p.name),
        siteinfo: splitSiteinfo(text(p.siteinfo)),
        currency: text(price.currency) || text(p.currency),
        periods: periods(price),
        addons: list(p.addon).map((a) => ({ id: text(a.id), name: text(a.name), intname: text(a.intname) || text(a.itemtype), periods: periods(record(a.price)) })),
      };
    });
  }

  /** certificate: every certificate of the account (deleted ones included while listed). */
  async listCertificates(): Promise<CertificateListEntry[]> {
    const doc = await this.client.call('certificate');
    return list(doc.elem).map((e) => ({
      id: text(e.id),
      commonName: text(e.CN),
      pricelist: text(e.pricelist),
      createdate: text(e.createdate),
      expiredate: text(e.expiredate),
      itemStatus: text(e.item_status) || text(e.status),
      statusMsg: text(e.status_msg),
    }));
  }

  /** certificate.edit: one certificate's parameters, status and validation data. */
  async certificate(elid: string): Promise<CertificateDetails> {
    const d = await this.client.call('certificate.edit', { elid });
    const approverEmails = text(d.approver_email)
      ? splitList(text(d.approver_email), /[,\s]+/)
      : numbered(d, 'approver_email_');
    return {
      id: text(d.id) || text(d.elid) || elid,
      commonName: text(d.CN) || text(d.cn),
      altNames: splitList(text(d.altname), /\s+/),
      pricelist: text(d.pricelist),
      period: text(d.period),
      itemStatus: text(d.status) || text(d.item_status),
      serviceStatus: text(d.service_status),
      createdate: text(d.createdate),
      expiredate: text(d.expiredate),
      statusMsg: text(d.status_msg),
      approverMethod: text(d.approver_method),
      approverEmails,
      authDnsTxtValue: text(d.auth_dnstxt_value),
      authFileName: text(d.auth_file_name),
      authFileValue: text(d.auth_file_value),
      authCnameName: text(d.auth_cname_name),
      authCnameValue: text(d.auth_cname_value),
      csr: text(d.csr),
    };
  }

  /** certificate.order.param with crt_type=manual: order for an existing CSR, paid from the balance. */
  async orderWithCsr(p: ManualCsrOrder): Promise<{ itemId?: string }> {
    const doc = await this.client.call('certificate.order.param', { ...orderParams(p), crt_type: 'manual', csr: p.csrPem });
    return { itemId: newItemId(doc) };
  }

  /** certificate.order.csr step 1 (crt_type=generate): ispmanager generates the key and CSR. */
  async generateKeyAndCsr(pricelist: string, months: number, subject: CsrSubjectParams, altNames: string[]): Promise<{ csrPem: string; keyPem: string }> {
    const doc = await this.client.call('certificate.order.csr', {
      sok: 'ok',
      snext: 'ok',
      crt_type: 'generate',
      period: String(months),
      pricelist,
      ...subjectParams(subject),
      ...altnameParams(altNames),
    });
    return { csrPem: dotted(doc, 'model.csr'), keyPem: dotted(doc, 'model.key') };
  }

  /** certificate.order.param step 2 for a key ispmanager generated in step 1. */
  async orderWithGeneratedKey(p: GeneratedKeyOrder): Promise<{ itemId?: string }> {
    const doc = await this.client.call('certificate.order.param', {
      ...orderParams(p),
      crt_type: 'generate',
      ...subjectParams(p.subject),
      csr: p.csrPem,
      key: p.keyPem,
    });
    return { itemId: newItemId(doc) };
  }

  /** certificate.order.csr without sok: the order form, whose country list maps ids to names. */
  async countries(pricelist: string, months = 12): Promise<{ id: string; name: string }[]> {
    const doc = await this.client.call('certificate.order.csr', { period: String(months), pricelist });
    const slist = list(doc.slist).find((s) => text(s.name) === 'field_country');
    return list(slist?.val).map((v) => ({ id: text(v.k) || text(v.key), name: text(v.v) || text(v) }));
  }

  /** certificate.file: the issued certificate (type=crt) or the validation file (type=auth_file). */
  async certificateFile(elid: string, type: 'crt' | 'auth_file'): Promise<string> {
    return this.client.file('certificate.file', { elid, type });
  }

  /** certificate.reissue.step2: same CSR (oldrequest), a new CSR (manual) or new alt names. */
  async reissue(p: ReissueParams): Promise<void> {
    const params: Params = { elid: p.elid, crt_type: p.kind, approver_method: p.approverMethod, sok: 'ok', ...approverParams(p.approverEmails) };
    if (p.kind === 'manual') params.csr = p.csrPem;
    if (p.kind === 'altname') params.altname = p.altNames.join(' ');
    await this.client.call('certificate.reissue.step2', params);
  }

  /** certificate.delete: removes (cancels) the certificate. */
  async deleteCertificate(elid: string): Promise<void> {
    await this.client.call('certificate.delete', { elid, sok: 'ok' });
  }

  /** certificate.dns_verify: asks the CA to check the DNS records again. */
  async dnsVerify(elid: string, domains: string[]): Promise<void> {
    await this.client.call('certificate.dns_verify', { elid, domains: domains.join(' '), sok: 'ok' });
  }

  /** certificate.domain_validation_email: sends the approval e-mail(s) again, possibly to new addresses. */
  async resendValidationEmail(elid: string, approverEmails: string[]): Promise<void> {
    await this.client.call('certificate.domain_validation_email', { elid, sok: 'ok', ...approverParams(approverEmails) });
  }
}

function orderParams(p: OrderParams): Params {
  return {
    sok: 'ok',
    // Pay from the account balance at once; without it the certificate waits in the basket.
    skipbasket: 'on',
    period: String(p.months),
    pricelist: p.pricelist,
    approver_method: p.approverMethod,
    ...contactParams('adm', p.admin),
    ...contactParams('tech', p.tech),
    ...approverParams(p.approverEmails),
    ...altnameParams(p.altNames),
    ...(p.addon && p.addon.count > 0 ? { [`addon_${p.addon.id}`]: String(p.addon.count) } : {}),
  };
}

function contactParams(prefix: 'adm' | 'tech', c: ContactParams): Params {
  return {
    [`${prefix}_fname`]: c.firstName,
    [`${prefix}_lname`]: c.lastName,
    [`${prefix}_jtitle`]: c.jobTitle,
    [`${prefix}_email`]: c.email,
    [`${prefix}_phone`]: c.phone,
  };
}

function subjectParams(s: CsrSubjectParams): Params {
  return { field_country: s.country, CN: s.commonName, ST: s.state, L: s.city, O: s.organization, OU: s.unit ?? '', emailAddress: s.email ?? '' };
}

/** ispmanager wants the extra names space-separated in both altname and altname_input. */
function altnameParams(altNames: string[]): Params {
  if (altNames.length === 0) return {};
  const joined = altNames.join(' ');
  return { altname: joined, altname_input: joined };
}

function approverParams(emails: string[]): Params {
  return Object.fromEntries(emails.map((e, i) => [`approver_email_${i + 1}`, e]));
}

function periods(price: BillDoc): PricePeriod[] {
  return list(price.period).map((x) => ({ type: text(x.type) || 'month', length: Number(text(x.length)), cost: text(x.cost) || text(x) }));
}

function splitSiteinfo(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const [k, ...v] = part.split('=');
    if (k.trim()) out[k.trim().toLowerCase()] = v.length ? v.join('=').trim() : 'yes';
  }
  return out;
}

function splitList(s: string, sep: RegExp): string[] {
  return s.split(sep).map((x) => x.trim()).filter(Boolean);
}

function numbered(d: BillDoc, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; text(d[`${prefix}${i}`]); i++) out.push(text(d[`${prefix}${i}`]));
  return out;
}

/**
 * The new certificate's id, if the answer carries one. Community clients report that a
 * skipbasket order often answers a bare ok, so callers must be ready to look it up.
 */
function newItemId(doc: BillDoc): string | undefined {
  const id = dotted(doc, 'item.id') || text(doc.item_id) || text(doc.elid);
  return /^\d+$/.test(id) ? id : undefined;
}
