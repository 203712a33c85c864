/**
 * Builds certbridge's per-domain validation instructions from what certificate.edit shows:
 * approver_method plus auth_dnstxt_value (TXT), auth_file_name/auth_file_value (HTTP file)
 * or auth_cname_name/auth_cname_value (CNAME). adapter.ts calls it for every getOrder.
 * Pure; no errors — data ispmanager has not produced yet is simply left out.
 *
 * ispmanager gives one value per order, not per name: the CA checks the same TXT value,
 * file or CNAME label under each name of the certificate, so the value repeats per domain.
 */
import type { DcvInstruction, NormalizedStatus } from '../supplier';
import type { CertificateDetails } from './api';
import { dcvMethodFor } from './map';

export function certificateNames(d: Pick<CertificateDetails, 'commonName' | 'altNames'>): string[] {
  return [...new Set([d.commonName, ...d.altNames].map((n) => n.toLowerCase()).filter(Boolean))];
}

export function dcvInstructions(d: CertificateDetails, status: NormalizedStatus): DcvInstruction[] {
  const state: DcvInstruction['status'] = status === 'issued' || status === 'expired' ? 'valid' : status === 'rejected' ? 'failed' : 'pending';
  const method = dcvMethodFor(d.approverMethod) ?? (d.approverEmails.length ? 'email' : undefined);
  if (!method) return [];
  return certificateNames(d).map((domain, i): DcvInstruction => {
    const base = domain.replace(/^\*\./, '');
    switch (method) {
      case 'dns_txt':
        // GlobalSign-style: the TXT record sits at the name itself.
        return { domain, method, status: state, ...(d.authDnsTxtValue && { dns: { host: base, type: 'TXT' as const, value: d.authDnsTxtValue } }) };
      case 'dns_cname': {
        const label = d.authCnameName.replace(/\.$/, '');
        // A bare label ("_abc123") belongs under each name; a full name is used as given.
        const host = label.toLowerCase().endsWith(base) ? label : `${label}.${base}`;
        return { domain, method, status: state, ...(label && d.authCnameValue && { dns: { host, type: 'CNAME' as const, value: d.authCnameValue.replace(/\.$/, '') } }) };
      }
      case 'http':
      case 'https': {
        const path = d.authFileName.includes('/') ? d.authFileName.replace(/^\/+/, '') : `.well-known/pki-validation/${d.authFileName}`;
        const fileName = path.split('/').pop() ?? '';
        return { domain, method, status: state, ...(fileName && { http: { url: `http://${base}/${path}`, fileName, content: d.authFileValue } }) };
      }
      default:
        return { domain, method: 'email', status: state, ...((d.approverEmails[i] ?? d.approverEmails[0]) && { email: d.approverEmails[i] ?? d.approverEmails[0] }) };
    }
  });
}
