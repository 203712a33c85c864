/**
 * The fake's SSL commands, with Enom's rules as documented (suppliers.md §2.3–2.6): cart →
 * InsertNewOrder (charges the balance, creates blank certificate rows) → CertConfigureCert
 * (CSR + Admin/Tech/Billing contacts; answers with approver addresses) → CertPurchaseCert
 * (status 9 for Comodo e-mail validation, else 2; DNS/File only for RapidSSL, QuickSSL and
 * QuickSSL Premium) → CertGetCertDetail / CertGetCerts; reissue for GeoTrust-family only.
 *
 * Parameter names arrive lower-cased (Enom treats them case-insensitively). Every refusal is
 * an Enom-style error text in the result, never an exception; `ordered` marks the one command
 * that stores an order (for the acceptThenTimeout fault).
 */
import { CsrError, parseCsr } from '../../../server/crypto/csr';
import { cdata, el, elc, enomDate, indentPem } from './xml';
import { STATUS_TEXT, fakeProduct, fakeProductByCartType, type FakeApprover, type FakeCert, type FakeEnomStore } from './store';

export type Params = Map<string, string>;

export interface CommandResult {
  payload?: string;
  errors?: string[];
  responseNumbers?: Array<{ number: string; text: string }>;
  /** InsertNewOrder stored an order. */
  ordered?: boolean;
}

export interface CommandContext {
  store: FakeEnomStore;
  now: Date;
  /** The 'funds' fault: the balance counts as empty. */
  noFunds: boolean;
}

const fail = (...errors: string[]): CommandResult => ({ errors });
const bracketOf = (years: number) => (years >= 10 ? 10 : years >= 5 ? 5 : years >= 2 ? 2 : 1);
const isIpv4 = (s: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(s);
const base = (domain: string) => domain.toLowerCase().replace(/^\*\./, '').replace(/^www\./, '');
const DNS_FILE_PRODUCTS = new Set([20, 23, 26]);

export function runCommand(command: string, p: Params, ctx: CommandContext): CommandResult {
  switch (command.toLowerCase()) {
    case 'getbalance':
      return getBalance(ctx);
    case 'pe_getproductprice':
      return productPrice(p, ctx);
    case 'deletefromcart':
      return deleteFromCart(ctx);
    case 'addtocart':
      return addToCart(p, ctx);
    case 'insertneworder':
      return insertNewOrder(p, ctx);
    case 'certgetcerts':
      return getCerts(p, ctx);
    case 'certgetcertdetail':
      return withCert(p, ctx, (c) => ({ payload: `<CertGetCertDetail>${detail(c)}</CertGetCertDetail>` }));
    case 'certconfigurecert':
      return withCert(p, ctx, (c) => configure(c, p, ctx));
    case 'certpurchasecert':
      return withCert(p, ctx, (c) => purchase(c, p, ctx));
    case 'certgetapproveremail':
      // Enom's own spelling of this payload node differs from the command's.
      return withCert(p, ctx, (c) => ({ payload: `<CertGetApproverEMail>${el('Success', 'True')}${approversXml(approversFor(p.get('domain') || c.domainName))}</CertGetApproverEMail>` }));
    case 'certparsecsr':
      return withCert(p, ctx, (c) => parseCsrCommand(p, c));
    case 'certreissuecert':
      return withCert(p, ctx, (c) => reissue(c, p));
    case 'certresendapproveremail':
      return withCert(p, ctx, (c) => (c.statusId === 9 || (c.statusId === 2 && c.dvAuthMethod === 'Email') ? { payload: el('Success', 'True') } : fail('Approval e-mail can only be resent while the order awaits approval')));
    case 'certchangeapproveremail':
      return withCert(p, ctx, (c) => changeApprover(c, p));
    default:
      return fail(`Invalid command name: ${command}`);
  }
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const [whole, frac] = (Math.abs(cents) / 100).toFixed(2).split('.');
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function getBalance(ctx: CommandContext): CommandResult {
  const available = ctx.noFunds ? 0 : ctx.store.balanceCents;
  // Enom writes thousands separators: "5,000.00".
  return { payload: [el('Reseller', 1), el('Balance', money(ctx.store.balanceCents)), el('AvailableBalance', money(available)), el('DomainCount', 0)].join('') };
}

function productPrice(p: Params, ctx: CommandContext): CommandResult {
  const prodType = Number(p.get('producttype'));
  const product = fakeProduct(prodType);
  if (!product) return fail(`Invalid ProductType ${p.get('producttype') ?? ''}`);
  const bracket = Number(p.get('years') || 1);
  const price = ctx.store.yearlyPrice(prodType, bracket);
  if (price === undefined) return fail(`No price for ${bracket} years`);
  const enabled = !ctx.store.disabled.has(prodType);
  return { payload: `<productprice><price>${price.toFixed(2)}</price><productenabled>${enabled ? 'True' : 'False'}</productenabled></productprice>` };
}

function deleteFromCart(ctx: CommandContext): CommandResult {
  if (ctx.store.cart.length === 0) return fail('There are no items in the cart to be deleted.');
  ctx.store.cart = [];
  return { payload: el('CartItemsDeleted', 'True') };
}

function addToCart(p: Params, ctx: CommandContext): CommandResult {
  if (!isIpv4(p.get('enduserip') ?? '')) return fail('EndUserIP is required in the format NNN.NNN.NNN.NNN');
  const product = fakeProductByCartType(p.get('producttype') ?? '');
  if (!product) return fail(`Invalid ProductType ${p.get('producttype') ?? ''}`);
  const years = Number(p.get('quantity') ?? '');
  if (!Number.isInteger(years) || years < 1 || years > product.maxYears) return fail(`Quantity must be 1 to ${product.maxYears} for ${product.desc}`);
  const itemId = ctx.store.addToCart(product.cartType, product.prodType, years);
  return { payload: [el('ItemID', itemId), el('ProductType', product.cartType), el('Quantity', years)].join('') };
}

function insertNewOrder(p: Params, ctx: CommandContext): CommandResult {
  if (!isIpv4(p.get('enduserip') ?? '')) return fail('EndUserIP is required in the format NNN.NNN.NNN.NNN');
  if (ctx.store.cart.length === 0) return fail('There are no items in the cart');
  const total = ctx.store.cartTotalCents(bracketOf);
  if (ctx.noFunds || ctx.store.balanceCents < total) {
    return { errors: ['Insufficient funds in account to complete this order'], responseNumbers: [{ number: '524181', text: 'Insufficient Reseller balance' }] };
  }
  const { orderId } = ctx.store.insertOrder(total, ctx.now);
  return { ordered: true, payload: [el('OrderID', orderId), el('OrderDate', enomDate(ctx.now)), el('TotalCharged', (total / 100).toFixed(2)), el('OrderStatus', 'Processed')].join('') };
}

function getCerts(p: Params, ctx: CommandContext): CommandResult {
  const prodType = p.get('prodtype') ? Number(p.get('prodtype')) : undefined;
  const statusId = Number(p.get('certstatusid') || 0);
  const contains = (p.get('domainnamecontains') ?? '').toLowerCase();
  const desc = (p.get('sortbydirection') ?? 'asc').toLowerCase() === 'desc';
  const start = Math.max(1, Number(p.get('startposition') || 1));
  const size = Math.min(250, Math.max(1, Number(p.get('pagingpagesize') || 25)));
  const all = [...ctx.store.certs.values()]
    .filter((c) => prodType === undefined || c.prodType === prodType)
    .filter((c) => statusId === 0 || c.statusId === statusId)
    .filter((c) => !contains || c.domainName.toLowerCase().includes(contains))
    .sort((a, b) => (desc ? b.certId - a.certId : a.certId - b.certId));
  const page = all.slice(start - 1, start - 1 + size);
  const rows = page.map(
    (c) =>
      `<Cert>${[
        el('IsExpired', c.isExpired ? 'True' : 'False'),
        el('CertID', c.certId),
        el('OrderDate', enomDate(c.orderDate, false)),
        el('ConfigDate', c.configDate ? enomDate(c.configDate, false) : ''),
        elc('DomainName', c.domainName),
        el('ValidityPeriod', c.years * 12),
        el('RenewalIndicator', 'False'),
        el('ProdType', c.prodType),
        el('ProdDesc', fakeProduct(c.prodType)?.desc ?? ''),
        el('ExpirationDate', enomDate(c.expirationDate, false)),
        el('ServerCount', 1),
        // The list says "Cert Issued" where the detail says "Certificate Issued", as Enom's docs show.
        el('CertStatus', c.statusId === 4 ? 'Cert Issued' : STATUS_TEXT[c.statusId]),
        el('CertStatusID', c.statusId),
        el('OrderID', c.orderId),
        el('DomainCountAllowed', ''),
        el('ReissueStatus', c.reissueStatus),
      ].join('')}</Cert>`,
  );
  const summary = [el('ProductType', prodType ?? 'all'), el('StatusID', statusId || 'all'), el('StartPosition', start), el('PagingPageSize', size), el('Count', page.length), el('TotalRecords', all.length)].join('');
  return { payload: `<CertGetCerts><Certs>${rows.join('')}${summary}</Certs></CertGetCerts>${el('TotalCertCount', all.length)}` };
}

function withCert(p: Params, ctx: CommandContext, fn: (c: FakeCert) => CommandResult): CommandResult {
  const raw = p.get('certid') ?? '';
  const cert = ctx.store.certs.get(Number(raw));
  if (!cert || !/^\d+$/.test(raw)) return fail(`Cert ID ${raw} was not found in this account`);
  return fn(cert);
}

const CONTACT_FIELDS = ['FName', 'LName', 'OrgName', 'JobTitle', 'Address1', 'Address2', 'City', 'State', 'Province', 'StateProvinceChoice', 'PostalCode', 'Country', 'Phone', 'PhoneExt', 'Fax', 'EmailAddress'];
const REQUIRED_CONTACT = ['FName', 'LName', 'OrgName', 'JobTitle', 'Address1', 'City', 'PostalCode', 'Country', 'Phone', 'EmailAddress'];

function approversFor(domain: string): FakeApprover[] {
  const b = base(domain);
  if (!b) return [];
  return [{ type: 'Domain', email: `registrant@${b}` }, ...['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((l) => ({ type: 'Generic' as const, email: `${l}@${b}` }))];
}

function approversXml(list: FakeApprover[]): string {
  return list.map((a) => `<Approver Type="${a.type}">${el('ApproverEmail', a.email)}</Approver>`).join('') + '<Approver Type="Manual"></Approver>';
}

function configure(c: FakeCert, p: Params, ctx: CommandContext): CommandResult {
  if (c.statusId !== 1) return fail('This certificate has already been submitted to the Certificate Authority');
  const product = fakeProduct(c.prodType)!;
  if (!p.get('webservertype')) return fail('WebServerType is required');
  let csr;
  try {
    csr = parseCsr(p.get('csr') ?? '');
  } catch (e) {
    if (e instanceof CsrError) return fail(`Invalid CSR: ${e.message}`);
    throw e;
  }
  if (product.wildcard !== csr.commonName.startsWith('*.')) return fail(product.wildcard ? 'A wildcard certificate needs a CSR whose common name starts with *.' : 'Wildcard common names need a wildcard product');
  const contacts: Record<string, string> = {};
  const errors: string[] = [];
  for (const type of ['Admin', 'Tech', 'Billing']) {
    for (const f of REQUIRED_CONTACT) if (!p.get(`${type}${f}`.toLowerCase())) errors.push(`${type}${f} is required`);
    if (!p.get(`${type}State`.toLowerCase()) && !p.get(`${type}Province`.toLowerCase())) errors.push(`${type}State or ${type}Province is required`);
    const phone = p.get(`${type}Phone`.toLowerCase()) ?? '';
    if (phone && !/^\+\d{1,3}\.\d{4,14}$/.test(phone)) errors.push(`${type}Phone must be in the format +CountryCode.PhoneNumber`);
    for (const f of CONTACT_FIELDS) contacts[`${type}${f}`] = p.get(`${type}${f}`.toLowerCase()) ?? '';
  }
  if (errors.length) return { errors };
  c.csr = csr.pem;
  c.domainName = csr.commonName.toLowerCase();
  c.webServerType = p.get('webservertype');
  c.contacts = contacts;
  c.configDate = ctx.now;
  c.approvers = approversFor(c.domainName);
  const s = csr.subject;
  const csrData = `<CSRData>${[el('Success', 'True'), el('Organization', s.organization), el('DomainName', c.domainName), el('Email', s.email), el('HasBadExtensions', 'false'), el('Locality', s.locality), el('OrganizationUnit', s.organizationalUnit), el('State', s.state), el('Country', s.country)].join('')}</CSRData>`;
  return { payload: `<CertConfigureCert>${el('CertID', c.certId)}${el('ProdType', c.prodType)}${csrData}${el('ApproverEmail', '')}${el('Success', 'True')}${approversXml(c.approvers)}</CertConfigureCert>` };
}

function purchase(c: FakeCert, p: Params, ctx: CommandContext): CommandResult {
  if (c.statusId !== 1) return fail('This certificate has already been submitted to the Certificate Authority');
  if (!c.csr) return fail('The certificate must be configured (CertConfigureCert) before it is purchased');
  const product = fakeProduct(c.prodType)!;
  const methodRaw = (p.get('dvauthmethod') ?? '').toLowerCase();
  const method = methodRaw === '' || methodRaw === 'email' ? 'Email' : methodRaw === 'dns' ? 'DNS' : methodRaw === 'file' ? 'File' : undefined;
  if (!method) return fail(`Invalid DVAuthMethod ${p.get('dvauthmethod')}`);
  if (method !== 'Email' && !DNS_FILE_PRODUCTS.has(c.prodType)) return fail(`DVAuthMethod ${method} is not available for ${product.desc}`);
  const approver = (p.get('approveremail') ?? '').toLowerCase();
  if (method === 'Email' && !c.approvers.some((a) => a.email === approver)) return fail(`Invalid approver email address ${approver}`);
  if (product.comodo) {
    const missing = ['CSROrganization', 'CSRAddress1', 'CSRLocality', 'CSRStateProvince', 'CSRPostalCode', 'CSRCountry'].filter((f) => !p.get(f.toLowerCase()));
    if (missing.length) return { errors: missing.map((f) => `${f} is required for Comodo certificates`) };
  }
  c.dvAuthMethod = method;
  c.approverEmail = method === 'Email' ? approver : '';
  const token = `${c.certId}${c.domainName}`.split('').reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(36);
  if (method === 'DNS') {
    c.dnsAuthEntry = `s23lx${token}q1188qij441a`;
    c.dnsAuthAddress = `s${ctx.now.toISOString().replace(/\D/g, '').slice(0, 14)}.${base(c.domainName)}`;
  }
  if (method === 'File') {
    c.fileAuthName = 'fileauth.txt';
    c.fileAuthContents = `${ctx.now.toISOString().replace(/\D/g, '').slice(0, 14)}${token}\r\n`;
  }
  c.statusId = product.comodo && method === 'Email' ? 9 : 2;
  return {
    payload: `<CertPurchaseCert>${[
      el('Success', 'True'),
      el('GeoTrustOrderID', product.comodo ? '' : 14228000 + c.certId),
      el('ApproverEmail', c.approverEmail),
      el('DVAuthMethod', method === 'Email' ? '' : method),
      el('FileAuthName', c.fileAuthName),
      el('FileAuthContents', c.fileAuthContents),
      el('DNSAuthEntry', c.dnsAuthEntry),
      el('DNSAuthAddress', c.dnsAuthAddress),
      el('CertID', c.certId),
    ].join('')}</CertPurchaseCert>`,
  };
}

function parseCsrCommand(p: Params, c: FakeCert): CommandResult {
  try {
    const csr = parseCsr(p.get('csr') ?? '');
    const s = csr.subject;
    return { payload: `<CertParseCSR>${[el('Success', 'True'), el('Organization', s.organization), el('OrganizationUnit', s.organizationalUnit), el('DomainName', csr.commonName), el('Email', s.email), el('HasBadExtensions', 'False'), el('Locality', s.locality), el('State', s.state), el('Country', s.country), el('CertID', c.certId)].join('')}</CertParseCSR>` };
  } catch (e) {
    if (e instanceof CsrError) return fail(`Invalid CSR: ${e.message}`);
    throw e;
  }
}

function reissue(c: FakeCert, p: Params): CommandResult {
  if (fakeProduct(c.prodType)!.comodo) return fail('CertReissueCert is available for Symantec, VeriSign and GeoTrust certificates only');
  if (c.statusId !== 4 && c.statusId !== 13 && c.statusId !== 12) return fail('Only an issued certificate can be reissued');
  try {
    const csr = parseCsr(p.get('csr') ?? '');
    if (csr.commonName.toLowerCase() !== c.domainName) return fail(`The CSR's domain ${csr.commonName} does not match ${c.domainName}`);
    c.reissueCsr = csr.pem;
    c.reissueStatus = 'Pending';
    // Enom's documented answer carries Success and Message outside a payload element.
    return { payload: `${el('Success', 'True')}${el('Message', '')}` };
  } catch (e) {
    if (e instanceof CsrError) return fail(`Invalid CSR: ${e.message}`);
    throw e;
  }
}

function changeApprover(c: FakeCert, p: Params): CommandResult {
  const email = (p.get('approveremail') ?? '').toLowerCase();
  if (c.statusId !== 9 && c.statusId !== 2) return fail('The approver can only be changed while the order awaits approval');
  if (!c.approvers.some((a) => a.email === email)) return fail(`Invalid approver email address ${email}`);
  c.approverEmail = email;
  return { payload: el('Success', 'True') };
}

function detail(c: FakeCert): string {
  const contacts = ['Admin', 'Tech', 'Billing']
    .flatMap((t) => ['OrgName', 'JobTitle', 'FName', 'LName', 'Address1', 'Address2', 'City'].map((f) => elc(`${t}${f}`, c.contacts[`${t}${f}`] ?? '')).concat([
      elc(`${t}StateProvince`, c.contacts[`${t}State`] || c.contacts[`${t}Province`] || ''),
      elc(`${t}StateProvinceChoice`, c.contacts[`${t}StateProvinceChoice`] ?? ''),
      ...['PostalCode', 'Country', 'Phone', 'Fax', 'EmailAddress', 'PhoneExt'].map((f) => elc(`${t}${f}`, c.contacts[`${t}${f}`] ?? '')),
    ]))
    .join('');
  return [
    el('CertID', c.certId),
    el('DomainName', c.domainName),
    el('ValidityPeriod', c.years * 12),
    el('OrderDate', enomDate(c.orderDate)),
    el('ConfigDate', c.configDate ? enomDate(c.configDate) : ''),
    el('RenewalIndicator', 'False'),
    el('WebServerTypeID', c.webServerType ?? ''),
    el('OrderID', c.orderId),
    el('ExpirationDate', enomDate(c.expirationDate)),
    el('ServerCount', 1),
    el('DVAuthMethod', c.dvAuthMethod === 'Email' ? 'Email' : c.dvAuthMethod),
    '<AuthStatusID />',
    el('AuthStatusName', c.statusId === 4 && c.dvAuthMethod !== 'Email' ? 'AUTHENTICATED' : c.dvAuthMethod && c.dvAuthMethod !== 'Email' ? 'INIT' : ''),
    el('ApproverEmail', c.approverEmail),
    el('FileAuthName', c.fileAuthName),
    el('FileAuthContents', c.fileAuthContents),
    el('DNSAuthEntry', c.dnsAuthEntry),
    el('DNSAuthAddress', c.dnsAuthAddress),
    el('Message', ''),
    el('CertStatusID', c.statusId),
    el('CertStatus', STATUS_TEXT[c.statusId]),
    el('CertStatusDetail', c.statusId === 6 ? 'The domain owner declined the certificate request' : ''),
    el('ReissueStatus', c.reissueStatus),
    el('ProdType', c.prodType),
    el('ProdDesc', fakeProduct(c.prodType)?.desc ?? ''),
    el('UseWebHosting', 0),
    `<SSLCertificate>${c.certificatePem ? cdata(indentPem(c.certificatePem)) : ''}</SSLCertificate>`,
    `<CSR>${c.csr ? cdata(indentPem(c.csr)) : ''}</CSR>`,
    `<CACerts>${cdata(c.caCertsPem ? indentPem(c.caCertsPem) : '')}</CACerts>`,
    `<PVT>${cdata('')}</PVT>`,
    el('ReferenceID', ''),
    contacts,
  ].join('\n');
}
