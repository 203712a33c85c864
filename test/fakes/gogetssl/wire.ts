/**
 * How the fake GoGetSSL writes its answers: PHP's json_encode (slashes escaped as "\/",
 * PEMs with "\n" inside strings, ids as strings, empty objects as []), the status record of
 * /orders/status/{id} and the add_ssl_order answer, with deterministic validation details
 * derived from the order id and domain. Used by server.ts only; throws nothing.
 */
import { createHash } from 'node:crypto';
import type { FakeOrder } from './store';

/** PHP's json_encode default: "/" is escaped. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

const token = (order: FakeOrder, domain: string) => createHash('sha256').update(`${order.id}:${domain}`).digest('hex');
const sectigo = (order: FakeOrder) => /^comodo|^sectigo/.test(order.product.brand);

/** The validation object for one domain and method (email address or method name). */
export function validationFor(order: FakeOrder, domain: string, method: string): Record<string, unknown> {
  const base = domain.replace(/^\*\./, '');
  const t = token(order, domain);
  if (method.includes('@') || method === 'email') return { email: method.includes('@') ? method : order.approverEmail };
  if (method === 'dns') {
    return sectigo(order)
      ? { dns: { record: `_${t.slice(0, 32)}.${base}. CNAME ${t.slice(32, 64)}.${t.slice(0, 10)}.sectigo.com.` } }
      : { dns: { record: `_dnsauth.${base} IN   TXT "${t.slice(0, 40)}"` } };
  }
  const fileName = `${t.slice(0, 32).toUpperCase()}.txt`;
  return { [method]: { link: `${method}://${base}/.well-known/pki-validation/${fileName}`, filename: fileName, content: `${t}\n${sectigo(order) ? 'sectigo.com' : 'digicert.com'}\n${t.slice(0, 20)}` } };
}

function sanRecords(order: FakeOrder): Record<string, unknown>[] {
  const done = order.status === 'active';
  return order.sans.map((name, i) => {
    const m = order.sanMethods[i];
    return {
      san_name: name,
      status: done ? '2' : '1',
      status_description: done ? 'Validated' : 'Pending validation',
      validation_method: m.includes('@') ? 'email' : m,
      validation: validationFor(order, name, m),
    };
  });
}

export function addOrderAnswer(order: FakeOrder): Record<string, unknown> {
  const main = order.dcvMethod === 'email' ? [] : validationFor(order, order.commonName, order.dcvMethod);
  return {
    product_id: String(order.product.id),
    order_id: String(order.id),
    invoice_id: String(order.invoiceId),
    order_status: order.status,
    success: true,
    approver_method: main,
    san: order.sans.length ? sanRecords(order) : [],
  };
}

export function statusAnswer(order: FakeOrder): Record<string, unknown> {
  const f = order.form;
  return {
    order_id: String(order.id),
    partner_order_id: order.status === 'active' ? String(1_590_000_000 + order.id) : '',
    status: order.status,
    status_description: order.statusDescription,
    product_id: String(order.product.id),
    domain: order.commonName,
    validity_period: String(order.period),
    valid_from: order.validFrom,
    valid_till: order.validTill,
    begin_date: order.validFrom,
    end_date: order.validTill,
    csr_code: order.csrPem,
    crt_code: order.crt,
    ca_code: order.ca,
    dcv_method: order.dcvMethod,
    approver_email: order.approverEmail,
    approver_emails: order.sanMethods.join(','),
    approver_method: validationFor(order, order.commonName, order.dcvMethod === 'email' ? order.approverEmail : order.dcvMethod),
    webserver_type: f.webserver_type ?? '-1',
    renew: order.renew ? '1' : '0',
    single_san_count: String(order.sans.length),
    wildcard_san_count: '0',
    admin_firstname: f.admin_firstname ?? '',
    admin_lastname: f.admin_lastname ?? '',
    admin_email: f.admin_email ?? '',
    admin_phone: f.admin_phone ?? '',
    san: sanRecords(order),
    success: true,
  };
}
