/**
 * The fake's BILLmanager functions for SSL certificates, as ispmanager's "Reselling SSL
 * certificates via API" article describes them: certificate.order.csr / .order.param /
 * .edit / .file / .reissue.step2 / .delete / .dns_verify / .domain_validation_email,
 * the certificate list and pricelist.export. server.ts calls handle() after auth and faults.
 *
 * Errors: BillFault(type, object, msg) for every business error; server.ts renders it as
 * the top-level error object with HTTP 200, as BILLmanager does.
 */
import { buildCsr, parseCsr } from '../../../server/crypto/csr';
import { generatePrivateKey } from '../../../server/crypto/keys';
import { GENERIC_APPROVER_LOCAL_PARTS } from '../../../server/suppliers/supplier';
import { FAKE_COUNTRIES, FAKE_PRODUCTS, costFor, type FakeProduct } from './catalogue';
import type { Tree } from './render';
import { addMonths, isoDate, validationData, type FakeCertificate, type FakeStore } from './store';

export class BillFault extends Error {
  constructor(
    readonly type: string,
    readonly object: string,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string>;
export type Handled = { kind: 'doc'; tree: Tree } | { kind: 'file'; body: string; contentType: string };

export interface FunctionContext {
  store: FakeStore;
  now: Date;
  account: string;
  /** The 'funds' fault: every payment fails as if the balance were empty. */
  noFunds: boolean;
  /** Whether a paid order's answer names the new item (real answers often do not). */
  returnItemId: boolean;
  /** Whether certificate.edit shows the CSR. */
  showCsr: boolean;
}

const METHODS = ['auth_email', 'auth_dnstxt', 'auth_cname', 'auth_file'];
const ok = (extra: Tree = {}): Handled => ({ kind: 'doc', tree: { ok: true, ...extra } });
const money = (n: number) => String(Math.round(n * 100) / 100);

export async function handle(func: string, p: Params, ctx: FunctionContext): Promise<Handled> {
  switch (func) {
    case 'pricelist.export':
      return { kind: 'doc', tree: { pricelist: FAKE_PRODUCTS.map(priceEntry) } };
    case 'certificate':
      return { kind: 'doc', tree: { elem: [...ctx.store.certificates.values()].map((c) => listEntry(c, ctx)) } };
    case 'certificate.edit':
      return { kind: 'doc', tree: editForm(existing(ctx, p.elid), ctx) };
    case 'certificate.order.csr':
      return orderCsr(p);
    case 'certificate.order.param':
      return orderParam(p, ctx);
    case 'certificate.file':
      return file(existing(ctx, p.elid), p.type);
    case 'certificate.reissue.step2':
      return reissue(existing(ctx, p.elid), p);
    case 'certificate.delete':
      return remove(p, ctx);
    case 'certificate.dns_verify':
      return dnsVerify(existing(ctx, p.elid), p);
    case 'certificate.domain_validation_email':
      return resendEmail(existing(ctx, p.elid), p);
    default:
      throw new BillFault('missed', 'func', `Function '${func}' not found`);
  }
}

function priceEntry(x: FakeProduct): Tree {
  const periods = (ps: FakeProduct['periods']) => ({ period: ps.map((q) => ({ type: q.type, length: String(q.length), cost: q.cost })) });
  return {
    id: x.id,
    name: x.name,
    siteinfo: x.siteinfo,
    price: periods(x.periods),
    ...(x.addon && { addon: [{ id: x.addon.id, name: x.addon.name, intname: 'altname', price: periods(x.addon.periods) }] }),
  };
}

function listEntry(c: FakeCertificate, ctx: FunctionContext): Tree {
  const product = FAKE_PRODUCTS.find((x) => x.id === c.productId)!;
  return {
    id: c.id,
    CN: c.commonName,
    account: ctx.account,
    pricelist: product.name,
    project: 'ispmanager',
    processingmodule: product.processingmodule,
    createdate: c.createdate,
    expiredate: c.expiredate,
    status_msg: c.statusMsg,
    item_status: c.itemStatus,
    cost: money(c.cost),
  };
}

function editForm(c: FakeCertificate, ctx: FunctionContext): Tree {
  return {
    elid: c.id,
    id: c.id,
    CN: c.commonName,
    altname: c.altNames.join(' '),
    pricelist: c.productId,
    period: String(c.months),
    status: c.itemStatus,
    service_status: c.serviceStatus,
    createdate: c.createdate,
    expiredate: c.expiredate,
    status_msg: c.statusMsg,
    approver_method: c.approverMethod,
    approver_email: c.approverEmails.join(','),
    ...validationData(c),
    ...(ctx.showCsr && { csr: c.csrPem }),
    ...c.contacts,
  };
}

function existing(ctx: FunctionContext, elid: string | undefined): FakeCertificate {
  const c = elid ? ctx.store.get(elid) : undefined;
  if (!c) throw new BillFault('missed', 'elid', `Certificate ${elid ?? ''} not found`);
  return c;
}

/** Without sok: the order form with its country list. With sok + crt_type=generate: a new key and CSR. */
async function orderCsr(p: Params): Promise<Handled> {
  product(p.pricelist);
  if (p.sok !== 'ok') return { kind: 'doc', tree: { pricelist: p.pricelist, period: p.period ?? '12', field_country: '182', slist: [{ name: 'field_country', val: FAKE_COUNTRIES }] } };
  if (p.crt_type !== 'generate') throw new BillFault('value', 'crt_type', 'Unknown certificate request type');
  const country = FAKE_COUNTRIES.find((c) => c.k === p.field_country);
  if (!country) throw new BillFault('value', 'field_country', 'Select a country from the list');
  if (!p.CN) throw new BillFault('empty', 'CN', "Field 'Domain' is required");
  const altNames = split(p.altname);
  const key = await generatePrivateKey({ type: 'rsa', bits: 2048 });
  const csr = buildCsr({ privateKeyPem: key, subject: { commonName: p.CN, organization: p.O || undefined, locality: p.L || undefined, state: p.ST || undefined }, altNames: [p.CN, ...altNames] });
  return { kind: 'doc', tree: { 'model.csr': csr, 'model.key': key } };
}

function orderParam(p: Params, ctx: FunctionContext): Handled {
  const prod = product(p.pricelist);
  const months = Number(p.period);
  // Without sok the function only returns its form: nothing is ordered.
  if (p.sok !== 'ok') return { kind: 'doc', tree: { pricelist: prod.id, period: p.period ?? '12', crt_type: p.crt_type ?? 'generate' } };
  if (costFor(prod, months, 0) === undefined) throw new BillFault('value', 'period', `Period ${p.period ?? ''} is not available for ${prod.name}`);
  if (p.crt_type !== 'manual' && p.crt_type !== 'generate') throw new BillFault('value', 'crt_type', 'Unknown certificate request type');
  if (!p.csr) throw new BillFault('empty', 'csr', "Field 'CSR' is required");
  if (p.crt_type === 'generate' && !p.key) throw new BillFault('empty', 'key', "Field 'Private key' is required");
  const csr = readCsr(p.csr);
  const commonName = csr.commonName.toLowerCase();
  const altNames = split(p.altname);
  if (p.altname_input !== undefined && split(p.altname_input).join(' ') !== altNames.join(' ')) {
    throw new BillFault('value', 'altname_input', 'altname and altname_input list different domains');
  }
  const extra = extraNames(prod, p, altNames);
  const approverMethod = p.approver_method || 'auth_email';
  if (!METHODS.includes(approverMethod)) throw new BillFault('value', 'approver_method', `Unknown validation method ${approverMethod}`);
  const approverEmails = approverMethod === 'auth_email' ? approvers([commonName, ...altNames], p) : [];
  const contacts: Record<string, string> = {};
  for (const prefix of ['adm', 'tech']) {
    for (const f of ['fname', 'lname', 'jtitle', 'email', 'phone']) {
      const k = `${prefix}_${f}`;
      if (!p[k]) throw new BillFault('empty', k, `Field '${k}' is required`);
      contacts[k] = p[k];
    }
  }
  const paid = p.skipbasket === 'on';
  const cost = costFor(prod, months, extra)!;
  if (paid && (ctx.noFunds || ctx.store.balance < cost)) {
    throw new BillFault('balance', 'balance', `Insufficient funds on the account balance: the order costs ${money(cost)}, the balance is ${money(ctx.noFunds ? 0 : ctx.store.balance)}`);
  }
  if (paid) ctx.store.balance -= cost;
  const c: FakeCertificate = {
    id: ctx.store.newId(),
    productId: prod.id,
    months,
    crtType: p.crt_type,
    commonName,
    altNames,
    csrPem: csr.pem,
    keyPem: p.key,
    // Paid at once: active, request sent to the CA. Otherwise it waits in the basket.
    itemStatus: paid ? '2' : '1',
    serviceStatus: paid ? '3' : '0',
    createdate: isoDate(ctx.now),
    expiredate: isoDate(addMonths(ctx.now, months)),
    statusMsg: '',
    approverMethod,
    approverEmails,
    addonCount: extra,
    cost: paid ? cost : 0,
    contacts,
    chainPems: [],
    reissues: 0,
    dnsChecks: 0,
    emailResends: 0,
  };
  ctx.store.certificates.set(c.id, c);
  return ok(ctx.returnItemId ? { 'item.id': c.id } : {});
}

function file(c: FakeCertificate, type: string | undefined): Handled {
  if (type === 'auth_file') {
    const v = validationData(c);
    if (!v.auth_file_value) throw new BillFault('value', 'type', 'This certificate is not validated by file');
    return { kind: 'file', body: v.auth_file_value, contentType: 'text/plain' };
  }
  if (type !== 'crt') throw new BillFault('value', 'type', `Unknown file type ${type ?? ''}`);
  if (c.serviceStatus !== '5' || !c.certificatePem) throw new BillFault('value', 'elid', 'The certificate has not been issued yet');
  return { kind: 'file', body: [c.certificatePem, ...c.chainPems].join(''), contentType: 'application/x-x509-ca-cert' };
}

function reissue(c: FakeCertificate, p: Params): Handled {
  if (c.itemStatus === '4' || c.serviceStatus !== '5') throw new BillFault('value', 'elid', 'Only an issued certificate can be reissued');
  const prod = product(c.productId);
  let altNames = c.altNames;
  let csrPem = c.csrPem;
  if (p.crt_type === 'manual') {
    const csr = readCsr(p.csr ?? '');
    if (csr.commonName.toLowerCase() !== c.commonName) throw new BillFault('value', 'csr', `The CSR must be for ${c.commonName}`);
    csrPem = csr.pem;
  } else if (p.crt_type === 'altname') {
    altNames = split(p.altname);
    if (altNames.length > c.addonCount + prod.included - 1) throw new BillFault('value', 'altname', `Only ${c.addonCount} additional domains were purchased`);
  } else if (p.crt_type !== 'oldrequest') {
    throw new BillFault('value', 'crt_type', 'Unknown reissue type');
  }
  const method = p.approver_method || c.approverMethod;
  if (!METHODS.includes(method)) throw new BillFault('value', 'approver_method', `Unknown validation method ${method}`);
  const emails = method === 'auth_email' ? approvers([c.commonName, ...altNames], p) : [];
  Object.assign(c, { altNames, csrPem, approverMethod: method, approverEmails: emails, serviceStatus: '3', certificatePem: undefined, chainPems: [], reissues: c.reissues + 1 });
  return ok();
}

function remove(p: Params, ctx: FunctionContext): Handled {
  // Several ids may be given at once, joined by ", ".
  const targets = (p.elid ?? '').split(',').map((id) => existing(ctx, id));
  for (const c of targets) if (c.itemStatus === '4') throw new BillFault('missed', 'elid', `Certificate ${c.id} is already deleted`);
  for (const c of targets) {
    // Not issued yet: the payment goes back to the balance.
    if (c.serviceStatus !== '5') ctx.store.balance += c.cost;
    c.itemStatus = '4';
  }
  return ok();
}

function dnsVerify(c: FakeCertificate, p: Params): Handled {
  if (c.serviceStatus !== '3' && c.serviceStatus !== '4') throw new BillFault('value', 'elid', 'The certificate is not waiting for validation');
  if (c.approverMethod !== 'auth_dnstxt' && c.approverMethod !== 'auth_cname') throw new BillFault('value', 'elid', 'The certificate is not validated by DNS');
  const names = new Set([c.commonName, ...c.altNames]);
  for (const d of split(p.domains)) if (!names.has(d.toLowerCase())) throw new BillFault('value', 'domains', `${d} is not in the certificate`);
  c.dnsChecks++;
  return ok();
}

function resendEmail(c: FakeCertificate, p: Params): Handled {
  if (c.serviceStatus !== '3' && c.serviceStatus !== '4') throw new BillFault('value', 'elid', 'The certificate is not waiting for validation');
  if (c.approverMethod !== 'auth_email') throw new BillFault('value', 'elid', 'The certificate is not validated by e-mail');
  const names = [c.commonName, ...c.altNames];
  // Only approver_email_1 is required; addresses not given keep their current value.
  const given = names.map((_, i) => p[`approver_email_${i + 1}`]);
  if (!given[0]) throw new BillFault('empty', 'approver_email_1', "Field 'approver_email_1' is required");
  c.approverEmails = approvers(names, Object.fromEntries(names.map((_, i) => [`approver_email_${i + 1}`, given[i] ?? c.approverEmails[i] ?? ''])));
  c.emailResends++;
  return ok();
}

function product(id: string | undefined): FakeProduct {
  const x = FAKE_PRODUCTS.find((q) => q.id === id);
  if (!x) throw new BillFault('missed', 'pricelist', `Tariff ${id ?? ''} not found`);
  return x;
}

function readCsr(text: string) {
  try {
    return parseCsr(text);
  } catch (e) {
    throw new BillFault('value', 'csr', `Invalid CSR: ${(e as Error).message}`);
  }
}

/** addon_<id> must pay for every additional name beyond those included. */
function extraNames(prod: FakeProduct, p: Params, altNames: string[]): number {
  const needed = Math.max(0, altNames.length + 1 - prod.included);
  if (altNames.length === 0) return 0;
  if (!prod.addon) throw new BillFault('value', 'altname', `${prod.name} does not support additional domains`);
  const bought = Number(p[`addon_${prod.addon.id}`] ?? '0');
  if (!Number.isInteger(bought) || bought < needed) throw new BillFault('value', `addon_${prod.addon.id}`, `Order ${needed} additional domains for ${altNames.length} alternative names`);
  return bought;
}

/** approver_email_N for the N-th name: one of the five generic addresses of that name. */
function approvers(names: string[], p: Params): string[] {
  return names.map((name, i) => {
    const key = `approver_email_${i + 1}`;
    const email = (p[key] ?? '').toLowerCase();
    if (!email) throw new BillFault('empty', key, `Field '${key}' is required`);
    const bases = new Set([name.replace(/^\*\./, ''), name.replace(/^\*\./, '').replace(/^www\./, '')]);
    const allowed = [...bases].flatMap((b) => GENERIC_APPROVER_LOCAL_PARTS.map((l) => `${l}@${b}`));
    if (!allowed.includes(email)) throw new BillFault('value', key, `${email} cannot approve ${name}: use one of ${allowed.join(', ')}`);
    return email;
  });
}

function split(s: string | undefined): string[] {
  return (s ?? '').split(/\s+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
}
