/**
 * The fake HEXONET's commands (suppliers.md §1.4–1.11): each takes the decoded parameters and
 * the store and returns a Reply with the real response codes — 504 missing attribute, 505/541
 * bad value, 545 unknown object, 546 credit limit, 552 status forbids the operation, 500
 * unknown command. server.ts dispatches to them after authentication and fault handling.
 */
import { parseCsr } from '../../../server/crypto/csr';
import { issueCert } from './lifecycle';
import { certProperties, charge, newCert, token, validationProperties, validationsFor } from './objects';
import { fail, indexed, ok, pemFrom, type Properties, type Reply } from './protocol';
import { hexDate, type Cert, type Store } from './store';

type Params = Record<string, string>;
type Handler = (p: Params, s: Store, ctx: { funds: boolean }) => Reply;

const missing = (name: string) => fail(504, `Missing required attribute; ${name}`);
const notFound = () => fail(545, 'Object not found');

const createSslCert: Handler = (p, s, ctx) => {
  const certClass = p.SSLCERTCLASS?.toUpperCase();
  if (!certClass) return missing('SSLCERTCLASS');
  const period = Number(p.PERIOD ?? 1);
  if (!Number.isInteger(period) || period < 1 || period > 10) return fail(505, 'Invalid attribute value syntax; PERIOD');
  const csrPem = pemFrom(p, 'CSR');
  if (!csrPem) return missing('CSR');
  const refused = charge(s, certClass, period, ctx.funds);
  if (refused) return refused;
  const cert = newCert(s, p, certClass, period, csrPem, 'REQUESTEDCREATE');
  if (!('id' in cert)) return cert;
  s.certs.set(cert.id, cert);
  return ok(certProperties(cert));
};

function find(p: Params, s: Store): Cert | Reply {
  if (!p.SSLCERTID) return missing('SSLCERTID');
  return s.certs.get(p.SSLCERTID) ?? notFound();
}

const statusSslCert: Handler = (p, s) => {
  const c = find(p, s);
  if (!('id' in c)) return c;
  c.polls++;
  // CreateSSLCert answers REQUESTEDCREATE; once the CA has the order, status shows PENDINGCREATE.
  if (c.status === 'REQUESTEDCREATE') c.status = 'PENDINGCREATE';
  if (s.autoIssueAfterPolls !== undefined && c.polls >= s.autoIssueAfterPolls && /^(PENDING|REQUESTED)/.test(c.status)) issueCert(s, c);
  return ok(certProperties(c));
};

const querySslCertList: Handler = (p, s) => {
  const like = (pattern: string | undefined, value: string) => !pattern || new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(value);
  let rows = [...s.certs.values()].filter(
    (c) =>
      like(p.SSLCERTCLASS, c.certClass) &&
      like(p.STATUS, c.status) &&
      like(p.SSLCERTID, c.id) &&
      (!p.SSLCERTCN || p.SSLCERTCN.toLowerCase() === c.commonName) &&
      (!p.MINCREATEDDATE || c.createdDate >= p.MINCREATEDDATE) &&
      (!p.MAXCREATEDDATE || c.createdDate <= p.MAXCREATEDDATE),
  );
  const order = (p.ORDERBY ?? 'SSLCERTID').toUpperCase();
  const desc = order.endsWith('DESC');
  const key = (c: Cert) => (order.startsWith('CREATEDDATE') ? c.createdDate + c.id.padStart(12, '0') : c.id.padStart(12, '0'));
  rows.sort((a, b) => (desc ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b))));
  const total = rows.length;
  const first = Number(p.FIRST ?? 0);
  const limit = Number(p.LIMIT ?? 10000);
  rows = rows.slice(first, first + limit);
  const props: Properties = { FIRST: [first], LAST: [first + rows.length - 1], COUNT: [rows.length], TOTAL: [total], LIMIT: [limit], SSLCERTID: rows.map((c) => c.id) };
  if (p.WIDE === '1') {
    Object.assign(props, {
      SSLCERTCLASS: rows.map((c) => c.certClass),
      SSLCERTCN: rows.map((c) => c.commonName),
      SSLCERTSTATUS: rows.map((c) => c.status),
      SSLCERTCREATEDDATE: rows.map((c) => c.createdDate),
      SSLCERTUPDATEDDATE: rows.map((c) => c.updatedDate),
      SSLCERTEXPIRATIONDATE: rows.map((c) => c.expirationDate),
      USER: rows.map(() => 'certbridge.fake'),
    });
  }
  return ok(props);
};

const renewSslCert: Handler = (p, s, ctx) => {
  const old = find(p, s);
  if (!('id' in old)) return old;
  if (old.status !== 'ACTIVE') return fail(552, 'Object status does not allow for operation');
  const period = Number(p.PERIOD ?? 1);
  const refused = charge(s, old.certClass, period, ctx.funds);
  if (refused) return refused;
  const withDefaults = { ...p, ...(indexed(p, 'DOMAIN').length ? {} : Object.fromEntries(old.domains.map((d, i) => [`DOMAIN${i}`, d]))) };
  const cert = newCert(s, withDefaults, old.certClass, period, pemFrom(p, 'CSR') ?? old.csrPem, 'REQUESTEDRENEW', old.id);
  if (!('id' in cert)) return cert;
  s.certs.set(cert.id, cert);
  return ok({ ...certProperties(cert), 'OLD-EXPIRATIONDATE': [old.expirationDate] });
};

const reissueSslCert: Handler = (p, s) => {
  const c = find(p, s);
  if (!('id' in c)) return c;
  if (c.status !== 'ACTIVE' && c.status !== 'REPLACED') return fail(552, 'Object status does not allow for operation');
  const csrPem = pemFrom(p, 'CSR');
  if (!csrPem) return missing('CSR');
  try {
    parseCsr(csrPem);
  } catch {
    return fail(505, 'Invalid attribute value syntax; CSR');
  }
  const domains = indexed(p, 'DOMAIN').filter(Boolean).map((d) => d.toLowerCase());
  const validations = validationsFor({ ...p, EMAIL: p.EMAIL ?? '' }, c.certClass, `${c.id}-reissue-${c.polls}`, domains.length ? domains : c.domains, c.contact.EMAIL || `admin@${c.commonName}`);
  if (!Array.isArray(validations)) return validations;
  // STATUS stays ACTIVE while the reissue runs; the new CSR and DCV data replace the old.
  c.csrPem = csrPem;
  c.domains = domains.length ? domains : c.domains;
  c.validations = validations;
  c.updatedDate = hexDate(new Date());
  return ok({ DOMAIN: c.domains, ...validationProperties(validations) });
};

const revokeSslCert: Handler = (p, s) => {
  const c = find(p, s);
  if (!('id' in c)) return c;
  if (c.status !== 'ACTIVE' && c.status !== 'REPLACED') return fail(552, 'Object status does not allow for operation');
  c.status = 'REVOKED'; // not a documented value [I]
  c.statusDetails = p.REASON ?? '';
  return ok();
};

const resendSslCertEmail: Handler = (p, s) => {
  const c = find(p, s);
  if (!('id' in c)) return c;
  if (!/^(PENDING|REQUESTED)/.test(c.status)) return fail(552, 'Object status does not allow for operation');
  if (p.EMAIL) for (const v of c.validations) if (v.method === 'EMAIL') v.email = p.EMAIL;
  return ok();
};

const dcvEmailAddressList: Handler = (p, s) => {
  if (p.SSLCERTID) {
    const c = find(p, s);
    if (!('id' in c)) return c;
    const emails = c.validations.filter((v) => v.email).map((v) => v.email);
    return ok({ EMAIL: emails, LEVEL: emails.map(() => 'MANUAL') });
  }
  let domain = p.DOMAIN;
  if (!domain) {
    const csrPem = pemFrom(p, 'CSR');
    if (!csrPem) return missing('DOMAIN');
    try {
      domain = parseCsr(csrPem).commonName;
    } catch {
      return fail(505, 'Invalid attribute value syntax; CSR');
    }
  }
  const base = domain.toLowerCase().replace(/^\*\./, '').replace(/^www\./, '');
  const manual = (p.SSLCERTCLASS ?? '').startsWith('COMODO_') ? 'support_preprod@sectigo.com' : 'support_preprod@geotrust.com';
  // As the API does: the WHOIS address twice, the generic five, and the CA's manual address.
  const rows: Array<[string, string]> = [
    [`info@${base}`, 'WHOIS'],
    [`info@${base}`, 'WHOIS'],
    ...['admin', 'administrator', 'hostmaster', 'webmaster', 'postmaster'].map((l): [string, string] => [`${l}@${base}`, 'GENERIC']),
    [manual, 'MANUAL'],
  ];
  return ok({ EMAIL: rows.map((r) => r[0]), LEVEL: rows.map((r) => r[1]) });
};

const parseSslCertCsr: Handler = (p) => {
  const csrPem = pemFrom(p, 'CSR');
  if (!csrPem) return missing('CSR');
  try {
    const csr = parseCsr(csrPem);
    const alt = csr.altNames.filter((n) => n.toLowerCase() !== csr.commonName.toLowerCase());
    const sub = csr.subject;
    const props: Properties = { CN: [csr.commonName], ALTERNATECN: alt, O: [sub.organization ?? ''], OU: [sub.organizationalUnit ?? ''], L: [sub.locality ?? ''], ST: [sub.state ?? ''], C: [sub.country ?? ''], EMAILADDRESS: [sub.email ?? ''], CACRT: ['FALSE'] };
    if (csr.key.type === 'rsa') props.RSAPUBLICKEYBITS = [csr.key.bits];
    if (alt.length === 0) delete props.ALTERNATECN;
    return ok(props);
  } catch {
    return fail(505, 'Invalid attribute value syntax; CSR');
  }
};

const statusUser: Handler = (p, s) => {
  const a = s.account;
  const props: Properties = {
    ACCOUNTCREDIT: [a.credit.toFixed(2)],
    ACCOUNTCURRENCY: [a.currency],
    ACCOUNTCURRENT: [a.balance.toFixed(2)],
    ACCOUNTDEPOSIT: ['0.00'],
    ACTIVE: ['1'],
    CREATEDDATE: ['2019-03-01 10:00:00'],
    OTPSTATUS: ['INACTIVE'],
    PARENTUSER: ['hexonet.reseller'],
    USER: [a.login.split('!')[0]],
  };
  if (p.RELATIONS !== '0') {
    const rel: Array<[string, string]> = [...a.otherRelations];
    for (const [cls, price] of Object.entries(a.prices)) {
      rel.push([`PRICE_CLASS_SSLCERT_${cls}_${price.relation ?? 'ANNUAL'}`, price.annual.toFixed(2)]);
      rel.push([`PRICE_CLASS_SSLCERT_${cls}_CURRENCY`, price.currency]);
    }
    props.RELATIONTYPE = rel.map((r) => r[0]);
    props.RELATIONVALUE = rel.map((r) => r[1]);
  }
  return ok(props);
};

const queryExchangeRates: Handler = (p, s) => {
  const to = p.CURRENCYTO?.toUpperCase();
  const all = Object.entries(s.account.rates).flatMap(([cur, rows]) => rows.map(([date, rate]) => ({ cur, date, rate })));
  // With CURRENCYTO only the newest rate for that currency comes back.
  const rows = to ? all.filter((r) => r.cur === to).slice(-1) : all;
  return ok({ FIRST: [0], LAST: [rows.length - 1], COUNT: [rows.length], TOTAL: [rows.length], LIMIT: [100], CURRENCYFROM: rows.map(() => 'EUR'), CURRENCYTO: rows.map((r) => r.cur), DATE: rows.map((r) => r.date), RATE: rows.map((r) => r.rate.toFixed(4)) });
};

const startSession: Handler = (_p, s) => {
  const id = token('session', String(s.sessions.size)).slice(0, 24);
  s.sessions.add(id);
  return ok({ SESSION: [id] });
};

export const COMMANDS: Record<string, Handler> = {
  createsslcert: createSslCert,
  statussslcert: statusSslCert,
  querysslcertlist: querySslCertList,
  renewsslcert: renewSslCert,
  reissuesslcert: reissueSslCert,
  revokesslcert: revokeSslCert,
  resendsslcertemail: resendSslCertEmail,
  querysslcertdcvemailaddresslist: dcvEmailAddressList,
  parsesslcertcsr: parseSslCertCsr,
  statususer: statusUser,
  queryexchangerates: queryExchangeRates,
  startsession: startSession,
  endsession: () => ok(),
};

/** Commands that create a (chargeable) certificate object. */
export const ORDERING = new Set(['createsslcert', 'renewsslcert']);
