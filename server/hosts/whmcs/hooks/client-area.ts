/**
 * The product details page: what state the certificate is in, what the client must do
 * next (configure link, validation instructions), and once issued who issued it, until
 * when, and the downloads. Rendered by templates/overview.tpl in the shim.
 */
import { serviceWithCurrentOrder, sslOrderFor, systemUrl } from '../whmcs-store';
import { configureLink } from '../effects';
import { parseWith, serviceParams } from '../params';
import type { HookHandler } from '../hook-context';
import { STATES } from '../../../certificates/states';
import { latestIssuedOrder, validationsOf, type OrderRow } from '../../../certificates/orders';
import { availableFormats, DOWNLOAD_FORMATS } from '../../../certificates/downloads';
import { describeCertificate } from '../../../crypto/pem';

const METHOD_LABEL: Record<string, string> = { email: 'E-mail', dns_txt: 'DNS TXT record', dns_cname: 'DNS CNAME record', http: 'HTTP file', https: 'HTTPS file' };

export const clientArea: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const { facts, order } = await serviceWithCurrentOrder(deps.db, p.serviceid);
  if (!order) {
    return { result: { tabOverviewModuleOutputTemplate: 'templates/overview', templateVariables: { state: 'none', stateLabel: 'Not set up yet', domain: facts.domain, message: 'The certificate will be set up as soon as the order is paid.' } } };
  }
  const shown = order.state === 'issued' ? order : ((await latestIssuedOrder(deps.db, p.serviceid)) ?? order);
  const vars: Record<string, unknown> = {
    state: order.state,
    stateLabel: STATES[order.state as keyof typeof STATES]?.label ?? order.state,
    domain: order.common_name ?? facts.domain,
    message: order.last_error ?? '',
  };
  if (order.state === 'awaiting_configuration') {
    const ssl = await sslOrderFor(deps.db, p.serviceid);
    if (ssl) vars.configureUrl = configureLink(await systemUrl(deps.db), ssl.id);
  }
  if (['pending_validation', 'processing', 'queued'].includes(order.state)) {
    vars.validation = (await validationsOf(deps.db, order.id)).map((v) => ({
      domain: v.domain,
      method: v.method,
      methodLabel: METHOD_LABEL[v.method] ?? v.method,
      email: v.email ?? '',
      dnsHost: v.dns_host ?? '',
      dnsType: v.dns_type ?? '',
      dnsValue: v.dns_value ?? '',
      httpUrl: v.http_url ?? '',
      httpContent: v.http_content ?? '',
      status: v.status,
    }));
  }
  if (shown.state === 'issued' && shown.certificate_pem) Object.assign(vars, issuedVars(shown));
  return { result: { tabOverviewModuleOutputTemplate: 'templates/overview', templateVariables: vars } };
};

// An issued certificate never changes, so its parsed facts are kept (bounded), keyed by the PEM itself.
const described = new Map<string, ReturnType<typeof describeCertificate>>();

function describeOnce(pem: string) {
  let cert = described.get(pem);
  if (!cert) {
    cert = describeCertificate(pem);
    if (described.size >= 5000) described.delete(described.keys().next().value!);
    described.set(pem, cert);
  }
  return cert;
}

function issuedVars(order: OrderRow): Record<string, unknown> {
  const cert = describeOnce(order.certificate_pem!);
  return {
    issuer: [cert.issuerCommonName, cert.issuerOrganization].filter(Boolean).join(', '),
    validFrom: cert.notBefore.toISOString().slice(0, 10),
    validTo: cert.notAfter.toISOString().slice(0, 10),
    serialNumber: cert.serialNumber,
    fingerprint: cert.sha256Fingerprint,
    names: cert.dnsNames,
    downloads: availableFormats(order).map((format) => ({ format, label: DOWNLOAD_FORMATS[format] })),
  };
}
