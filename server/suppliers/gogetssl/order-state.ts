/**
 * GoGetSSL order answers → certbridge's OrderState: the status record of
 * /orders/status/{id} and the shorter answer of add_ssl_order. Called by the adapter; pure.
 * Throws nothing: a malformed PEM in crt_code/ca_code is left out (the order then reads as
 * issued without a certificate, and the next poll tries again) rather than failing the sync.
 */
import { splitPemBlocks } from '../../crypto/pem';
import type { DcvChoice, DcvInstruction, OrderState } from '../supplier';
import type { AddOrderRecord, SanRecord, StatusRecord, ValidationShape } from './api';
import { dcvEntryStatus, dnsMethodForBrand, fromGoGetSslMethod, normaliseStatus, parseDnsRecord } from './map';

/** PHP encodes an empty object as []. */
function shape(v: ValidationShape | unknown[] | undefined): ValidationShape {
  return v && !Array.isArray(v) && typeof v === 'object' ? v : {};
}

/**
 * One instruction from a validation object keyed by the active method
 * ({"dns": {"record": …}}, {"http": {"filename", "content", "link"}}, {"email": …}).
 */
export function instructionFrom(domain: string, methodHint: string, v: ValidationShape, status: DcvInstruction['status'], brand: string): DcvInstruction | undefined {
  const base = domain.replace(/^\*\./, '');
  if (v.dns?.record) {
    const dns = parseDnsRecord(v.dns.record);
    if (dns) return { domain, method: dns.type === 'CNAME' ? 'dns_cname' : 'dns_txt', status, dns };
  }
  for (const scheme of ['http', 'https'] as const) {
    const h = v[scheme];
    if (h?.filename) {
      return {
        domain,
        method: scheme,
        status,
        http: { url: h.link || `${scheme}://${base}/.well-known/pki-validation/${h.filename}`, fileName: h.filename, content: (h.content ?? '').replace(/\r\n/g, '\n') },
      };
    }
  }
  if (typeof v.email === 'string' && v.email) return { domain, method: 'email', status, email: v.email };
  // No details (yet): say which method is in use, when we know it.
  const method = fromGoGetSslMethod(methodHint, methodHint.toLowerCase() === 'dns' ? (dnsMethodForBrand(brand) === 'dns_cname' ? 'CNAME' : 'TXT') : undefined);
  if (!method) return undefined;
  return { domain, method, status, ...(method === 'email' && methodHint.includes('@') ? { email: methodHint } : {}) };
}

function sanInstructions(sans: SanRecord[] | undefined, done: boolean, brand: string): DcvInstruction[] {
  const out: DcvInstruction[] = [];
  for (const s of Array.isArray(sans) ? sans : []) {
    if (!s?.san_name) continue;
    const status = done ? 'valid' : dcvEntryStatus(String(s.status ?? ''), String(s.status_description ?? ''));
    const i = instructionFrom(s.san_name, String(s.validation_method ?? ''), shape(s.validation), status, brand);
    if (i) out.push(i);
  }
  return out;
}

/** The leaf and the CA bundle; the bundle's blocks become chainPems in GoGetSSL's order. */
function certificates(r: StatusRecord): Pick<OrderState, 'certificatePem' | 'chainPems'> {
  try {
    const leaf = splitPemBlocks(r.crt_code ?? '', 'CERTIFICATE')[0];
    if (!leaf) return {};
    const chain = splitPemBlocks(r.ca_code ?? '', 'CERTIFICATE').map((b) => b.pem);
    return { certificatePem: leaf.pem, chainPems: chain };
  } catch {
    return {};
  }
}

export function stateFromStatus(r: StatusRecord, brand: string, now: Date): OrderState {
  const rawStatus = String(r.status ?? '');
  const status = normaliseStatus(rawStatus, r.valid_till, now);
  const issued = status === 'issued' || status === 'expired';
  const cn = String(r.domain ?? '');
  const dcv: DcvInstruction[] = [];
  if (cn) {
    const main = instructionFrom(cn, String(r.dcv_method ?? r.approver_email ?? ''), shape(r.approver_method), issued ? 'valid' : 'pending', brand);
    if (main) dcv.push(main.method === 'email' && !main.email && r.approver_email ? { ...main, email: r.approver_email } : main);
  }
  dcv.push(...sanInstructions(r.san, issued, brand));
  const message = status === 'unknown' ? `GoGetSSL reports status "${rawStatus}", which certbridge does not know; the order is left as it was` : r.status_description && status !== 'issued' ? r.status_description : undefined;
  return {
    supplierOrderId: String(r.order_id),
    status,
    rawStatus,
    ...certificates(r),
    dcv,
    ...(message ? { message } : {}),
  };
}

/**
 * The add_ssl_order answer. It carries validation details only for the methods that have
 * any (DNS/HTTP); e-mail choices are completed from what certbridge asked for.
 */
export function stateFromAdd(r: AddOrderRecord, req: { commonName: string; dcv: DcvChoice[] }, brand: string, now: Date): OrderState {
  const rawStatus = String(r.order_status ?? 'processing');
  const choice = req.dcv.find((c) => c.domain.toLowerCase() === req.commonName.toLowerCase()) ?? req.dcv[0];
  const dcv: DcvInstruction[] = [];
  const main = instructionFrom(req.commonName, choice?.method === 'email' ? (choice.email ?? 'email') : (choice?.method.replace(/^dns_.*/, 'dns') ?? ''), shape(r.approver_method), 'pending', brand);
  if (main) dcv.push(main);
  const sans = sanInstructions(r.san, false, brand);
  dcv.push(...sans);
  for (const c of req.dcv) {
    if (dcv.some((i) => i.domain.toLowerCase() === c.domain.toLowerCase())) continue;
    dcv.push({ domain: c.domain, method: c.method, status: 'pending', ...(c.email ? { email: c.email } : {}) });
  }
  return { supplierOrderId: String(r.order_id), status: normaliseStatus(rawStatus, undefined, now), rawStatus, dcv };
}
