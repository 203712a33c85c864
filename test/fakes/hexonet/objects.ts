/**
 * Certificate objects of the fake HEXONET: building one from CreateSSLCert/RenewSSLCert
 * parameters (CSR checked with the real parser, DCV data per domain, account charged) and
 * rendering one as the property set StatusSSLCert and CreateSSLCert return. Used by commands.ts;
 * failures come back as a Reply with HEXONET's code (505 bad CSR, 541 bad value, 546 funds).
 */
import { createHash } from 'node:crypto';
import { CsrError, parseCsr } from '../../../server/crypto/csr';
import { fail, indexed, pemLines, type Properties, type Reply } from './protocol';
import { convert, hexDate, type Cert, type Store, type Validation } from './store';

type Params = Record<string, string>;

export const token = (...parts: string[]) => createHash('sha256').update(parts.join(':')).digest('hex');

export function certProperties(c: Cert): Properties {
  const props: Properties = {
    SSLCERTID: [c.id],
    ORDERDATA: [c.id],
    ORDERREFERENCE: [c.orderReference],
    STATUS: [c.status],
    STATUSDETAILS: [c.statusDetails],
    SSLCERTCLASS: [c.certClass],
    SSLCERTCN: [c.commonName],
    CN: [c.commonName],
    SSLCERTDOMAIN: [c.commonName],
    DOMAIN: c.domains,
    DOMAINCOUNT: [c.domains.length],
    ALTERNATECN: c.domains.slice(1),
    CSR: pemLines(c.csrPem),
    CREATEDDATE: [c.createdDate],
    UPDATEDDATE: [c.updatedDate],
    EXPIRATIONDATE: [c.expirationDate],
    REGISTRATIONEXPIRATIONDATE: [c.expirationDate],
    SERVERSOFTWARE: [c.serverSoftware],
    USER: ['certbridge.fake'],
    ...validationProperties(c.validations),
  };
  for (const [k, v] of Object.entries(c.contact)) props[k] = [v];
  if (c.crtPem) props.CRT = pemLines(c.crtPem);
  if (c.caCrtPem) props.CACRT = pemLines(c.caCrtPem);
  if (c.oldId) props['OLD-SSLCERTID'] = [c.oldId];
  if (props.ALTERNATECN.length === 0) delete props.ALTERNATECN;
  return props;
}

export function validationProperties(vs: Validation[]): Properties {
  return {
    VALIDATION: vs.map((v) => v.method),
    VALIDATIONEMAIL: vs.map((v) => v.email),
    VALIDATIONDNSRR: vs.map((v) => v.dnsRr),
    VALIDATIONURL: vs.map((v) => v.url),
    VALIDATIONURLCONTENT: vs.map((v) => v.urlContent),
  };
}

/** DCV data per domain: Sectigo wants a CNAME and a file, the DigiCert brands a TXT record. */
export function validationsFor(p: Params, certClass: string, id: string, domains: string[], applicant: string): Validation[] | Reply {
  const methods = indexed(p, 'VALIDATION');
  const emails = indexed(p, 'VALIDATIONEMAIL');
  const out: Validation[] = [];
  for (const [i, domain] of domains.entries()) {
    const method = (methods[i] || 'EMAIL').toUpperCase();
    if (method !== 'EMAIL' && method !== 'DNSZONE' && method !== 'URL') return fail(505, `Invalid attribute value syntax; VALIDATION${i}`);
    const t = token(id, domain);
    const base = domain.replace(/^\*\./, '');
    const sectigo = certClass.startsWith('COMODO_');
    out.push({
      method,
      email: method === 'EMAIL' ? emails[i] || p.EMAIL || applicant : '',
      dnsRr: method !== 'DNSZONE' ? '' : sectigo ? `_${t.slice(0, 32)}.${base}. CNAME ${t.slice(32, 64)}.${t.slice(0, 16)}.sectigo.com.` : `${base}. TXT "${t.slice(0, 43)}"`,
      url: method === 'URL' ? `http://${base}/.well-known/pki-validation/${t.slice(0, 32).toUpperCase()}.txt` : '',
      urlContent: method === 'URL' ? `${t} sectigo.com ${t.slice(0, 10)}` : '',
    });
  }
  return out;
}

export function contactOf(p: Params): Record<string, string> {
  const fields = ['ORGANIZATION', 'FIRSTNAME', 'LASTNAME', 'NAME', 'JOBTITLE', 'EMAIL', 'STREET', 'CITY', 'PROVINCE', 'ZIP', 'COUNTRY', 'PHONE', 'FAX'];
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = p[f] ?? '';
  for (const role of ['ADMIN', 'TECH', 'BILLING']) for (const f of fields) if (p[`${role}CONTACT${f}`] !== undefined) out[`${role}CONTACT0${f}`] = p[`${role}CONTACT${f}`];
  return out;
}

export function charge(s: Store, certClass: string, period: number, funds: boolean): Reply | undefined {
  const price = s.account.prices[certClass];
  if (!price) return fail(541, `Invalid attribute value; SSLCERTCLASS ${certClass} is not available for this account`);
  const cost = convert(s.account, price.annual * period, price.currency, s.account.currency);
  if (funds || s.account.balance - cost < -s.account.credit) return fail(546, 'Credit limit exceeded');
  s.account.balance -= cost;
  return undefined;
}

export function newCert(s: Store, p: Params, certClass: string, period: number, csrPem: string, status: string, oldId?: string): Cert | Reply {
  let csr;
  try {
    csr = parseCsr(csrPem);
  } catch (e) {
    if (e instanceof CsrError) return fail(505, 'Invalid attribute value syntax; CSR');
    throw e;
  }
  if (p.SSLCERTDOMAIN && p.SSLCERTDOMAIN.toLowerCase() !== csr.commonName.toLowerCase()) return fail(541, 'Invalid attribute value; SSLCERTDOMAIN does not match the common name of the CSR');
  const domains = indexed(p, 'DOMAIN').filter(Boolean).map((d) => d.toLowerCase());
  const id = String(s.nextId);
  const names = domains.length ? domains : csr.dnsNames;
  const contact = contactOf(p);
  const validations = validationsFor(p, certClass, id, names, contact.EMAIL || p.ADMINCONTACTEMAIL || `admin@${names[0]}`);
  if (!Array.isArray(validations)) return validations;
  const now = new Date();
  const expires = new Date(now);
  expires.setUTCFullYear(expires.getUTCFullYear() + period);
  s.nextId += 7;
  return {
    id,
    certClass,
    period,
    status,
    statusDetails: '',
    commonName: csr.commonName.toLowerCase(),
    domains: names,
    validations,
    csrPem,
    createdDate: hexDate(now),
    updatedDate: hexDate(now),
    expirationDate: hexDate(expires),
    orderReference: String(31046590 + (s.nextId % 100000)),
    serverSoftware: p.SERVERSOFTWARE ?? '',
    contact,
    oldId,
    polls: 0,
  };
}
