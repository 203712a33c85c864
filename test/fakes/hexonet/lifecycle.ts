/**
 * What the CA does to a fake HEXONET certificate object: issue (a real leaf for the object's
 * current CSR, signed by the fake's CA, with intermediate + root in CACRT), reject, expire.
 * Called by the test control in server.ts and by StatusSSLCert's optional auto-issue.
 * Throws RangeError/CsrError only for a CSR the fake accepted but cannot sign (a fake bug).
 */
import { describeCertificate } from '../../../server/crypto/pem';
import { issueLeafCertificate } from '../../../server/suppliers/sandbox/ca';
import { hexDate, type Cert, type Store } from './store';

const DAY_MS = 86_400_000;

export function issueCert(s: Store, c: Cert, opts: { issuedAt?: Date; lifetimeDays?: number } = {}): void {
  const issuedAt = opts.issuedAt ?? new Date();
  const crtPem = issueLeafCertificate(s.ca, { csrPem: c.csrPem, dnsNames: c.domains, issuedAt, lifetimeDays: opts.lifetimeDays });
  c.crtPem = crtPem;
  c.caCrtPem = s.ca.intermediate.certificatePem + s.ca.root.certificatePem;
  c.status = 'ACTIVE';
  c.statusDetails = 'Valid';
  c.expirationDate = hexDate(describeCertificate(crtPem).notAfter);
  c.updatedDate = hexDate(new Date());
  // A renewal supersedes the certificate it renews once it is issued.
  const old = c.oldId ? s.certs.get(c.oldId) : undefined;
  if (old && old.status === 'ACTIVE') old.status = 'REPLACED';
}

export function rejectCert(c: Cert): void {
  c.status = 'FAILED';
  c.statusDetails = 'Domain control validation failed';
  c.updatedDate = hexDate(new Date());
}

/**
 * HEXONET has no expired state: the object stays ACTIVE and only its dates lie in the past.
 * The certificate is re-signed with a validity that ended, so both dates agree.
 */
export function expireCert(s: Store, c: Cert): void {
  issueCert(s, c, { issuedAt: new Date(Date.now() - 400 * DAY_MS), lifetimeDays: 30 });
}
