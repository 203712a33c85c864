/**
 * CertGetCertDetail → OrderState: normalised status (map.ts), the certificate and its chain
 * out of CDATA (SSLCertificate; CACerts or, for some products, IntermediateCertificates/ICAn),
 * and the validation instruction for the certificate's domain.
 *
 * Called by adapter.ts after every status read. Pure; never throws (an unreadable certificate
 * is reported as not yet available, with a message).
 */
import { PemError, describeCertificate } from '../../crypto/pem';
import type { OrderState } from '../supplier';
import type { EnomCertDetail } from './api';
import { certificatesIn, dcvInstruction, enomStatus } from './map';

export function orderStateFrom(d: EnomCertDetail, now: Date): OrderState {
  const [leaf, ...bundled] = certificatesIn(d.sslCertificate);
  let notAfter: Date | undefined;
  let unreadable = false;
  if (leaf) {
    try {
      notAfter = describeCertificate(leaf).notAfter;
    } catch (e) {
      if (!(e instanceof PemError)) throw e;
      unreadable = true;
    }
  }
  const ends = [d.expirationDate, notAfter].filter((x): x is Date => x !== undefined);
  const validTo = ends.length > 0 ? new Date(Math.min(...ends.map((x) => x.getTime()))) : undefined;
  const { rawStatus, ...mapped } = enomStatus({ statusId: d.statusId, statusText: d.statusText, reissueStatus: d.reissueStatus, validTo, now });
  let status = mapped.status;

  let message = d.statusDetail || d.message || undefined;
  if ((status === 'issued' || status === 'expired') && (!leaf || unreadable)) {
    // Enom can flip the status a moment before the certificate text arrives.
    status = 'processing';
    message = unreadable ? 'Enom reports the certificate issued, but the certificate text it sent cannot be read; certbridge will ask again' : 'Enom reports the certificate issued but has not sent it yet';
  } else if (status === 'unknown' && d.statusId.trim() === '1') {
    message = 'Enom shows this certificate as awaiting configuration (it was reset or never submitted); submit the order again or configure it in the Enom panel';
  }

  const chain = [...bundled, ...certificatesIn(d.caCerts), ...d.intermediateCertificates.flatMap(certificatesIn)];
  const dcv = dcvInstruction(d.domainName, d, status);
  const withCert = (status === 'issued' || status === 'expired') && leaf !== undefined;
  return {
    supplierOrderId: d.certId,
    status,
    rawStatus,
    dcv: dcv ? [dcv] : [],
    ...(withCert ? { certificatePem: leaf, chainPems: [...new Set(chain)] } : {}),
    ...(message ? { message } : {}),
  };
}
