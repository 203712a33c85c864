/**
 * configuressl.php's three steps and the CSR prefill hook. Step one describes the form,
 * step two checks the CSR and offers validation choices, step three submits. Errors come
 * back as { error } which WHMCS shows above the form.
 */
import { serviceFacts } from '../whmcs-store';
import { configureStepParams, parseWith, serviceParams } from '../params';
import { actorOf, type HookHandler } from '../hook-context';
import { AppError } from '../../../http/errors';
import type { DcvMethod } from '../../../suppliers/supplier';
import { STATES } from '../../../certificates/states';

/** WHMCS 8's approval_method words ↔ ours. */
const FROM_WHMCS_METHOD: Record<string, DcvMethod> = { email: 'email', 'dns-txt-token': 'dns_txt', file: 'http' };
const TO_WHMCS_METHOD: Partial<Record<DcvMethod, string>> = { email: 'email', dns_txt: 'dns-txt-token', http: 'file' };

export const sslStepOne: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const facts = await serviceFacts(deps.db, p.serviceid);
  const order = await deps.orders.require(p.serviceid);
  const product = await deps.orders.product({ supplier: order.supplier, productId: order.supplier_product });
  const fields: Record<string, Record<string, unknown>> = {
    generatecsr: {
      FriendlyName: 'Generate the CSR for me',
      Type: 'yesno',
      Description: `Tick to let us create the private key and CSR for ${facts.domain || 'your domain'} (you can download the key later). Leave unticked to use the CSR in the box above, which you may replace with your own.`,
    },
  };
  if (product.maxDomains > 2) {
    fields.sans = {
      FriendlyName: 'Additional domains',
      Type: 'textarea',
      Rows: 4,
      Description: `One per line; up to ${product.maxDomains - 1} besides the main domain (${product.includedDomains} names included in the price).`,
    };
  }
  return {
    result: {
      additionalfields: { Certificate: fields },
      displaydata: { Certificate: product.name, Domain: facts.domain || '(taken from your CSR)', Status: STATES[order.state as keyof typeof STATES]?.label ?? order.state },
    },
  };
};

export const sslStepTwo: HookHandler = async ({ body, deps }) => {
  const p = parseWith(configureStepParams, body.params);
  const facts = await serviceFacts(deps.db, p.serviceid);
  const extraNames = (p.fields.sans ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  const result = await deps.configure.configure({
    serviceId: p.serviceid,
    actor: actorOf(body),
    orderedDomain: facts.domain,
    requireDomainMatch: facts.requireDomainMatch,
    keySpec: facts.keySpec,
    generate: p.fields.generatecsr === 'on' || p.fields.generatecsr === '1',
    csrPem: p.csr,
    extraNames,
    contact: {
      firstName: p.firstname,
      lastName: p.lastname,
      organization: p.orgname,
      jobTitle: p.jobtitle,
      email: p.email,
      phone: p.phonenumber,
      address1: p.address1,
      address2: p.address2,
      city: p.city,
      state: p.state,
      postcode: p.postcode,
      country: p.country,
    },
  });
  const methods = result.methods.map((m) => TO_WHMCS_METHOD[m]).filter((m): m is string => Boolean(m));
  return {
    result: {
      approveremails: result.approverEmails,
      approvalmethods: methods,
      displaydata: {
        'CSR Domain': result.commonName,
        ...(result.dnsNames.length > 1 ? { 'Additional Domains': result.dnsNames.slice(1).join(', ') } : {}),
        Organization: p.orgname,
        Key: `${result.keyDescription}${result.csrSource === 'generated' ? ' (generated for you)' : ''}`,
      },
      domain: result.commonName,
    },
  };
};

export const sslStepThree: HookHandler = async ({ body, deps }) => {
  const p = parseWith(configureStepParams, body.params);
  const word = (p.approval_method || p.approvalmethod || String(p.configdata.approvalmethod ?? '') || 'email').trim();
  const method = FROM_WHMCS_METHOD[word];
  if (!method) throw new AppError('invalid_request', `Unknown validation method "${word}"; choose e-mail, DNS or file validation`, 'approval_method');
  const approver = p.approveremail || String(p.configdata.approveremail ?? '');
  const order = await deps.orders.submit({ serviceId: p.serviceid, actor: actorOf(body), method, approverEmail: approver }, async (o) =>
    deps.suppliers.get(o.supplier).approverEmails(o.supplier_product, o.common_name ?? ''),
  );
  return { result: { domain: order.common_name ?? '' } };
};

/** The configure page's CSR box, prefilled with a CSR for the ordered domain (hooks.php). */
export const prepareCsr: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const facts = await serviceFacts(deps.db, p.serviceid);
  const order = await deps.orders.require(p.serviceid);
  if (order.state !== 'awaiting_configuration') return { result: { csr: '' } };
  const c = p.clientsdetails;
  const csr = await deps.drafts.prepare(p.serviceid, facts.keySpec, {
    commonName: facts.domain,
    organization: c?.companyname,
    locality: c?.city,
    state: c?.fullstate || c?.state,
    country: c?.countrycode || c?.country,
  });
  return { result: { csr } };
};
