/**
 * Splits what certificate.file (type=crt) returns — PEM text with the certificate and,
 * usually, the CA chain — into the leaf and its chain. adapter.ts calls it once an order is
 * issued. The leaf is the one certificate that is not a CA, wherever it stands in the file.
 *
 * Errors: SupplierError temporary/transient when the file holds no readable certificate
 * (a download cut short looks like that, and the next poll fetches it again).
 */
import { describeCertificate, splitPemBlocks } from '../../crypto/pem';
import { SupplierError } from '../errors';
import { CODE, DISPLAY_NAME } from './identity';

export function splitCertificateFile(file: string): { certificatePem: string; chainPems: string[] } {
  let pems: { pem: string; isCa: boolean }[];
  try {
    pems = splitPemBlocks(file, 'CERTIFICATE').map((b) => ({ pem: b.pem, isCa: describeCertificate(b.pem).isCa }));
  } catch (e) {
    throw unreadable(file, (e as Error).message);
  }
  const leaf = pems.find((p) => !p.isCa) ?? pems[0];
  if (!leaf) throw unreadable(file, 'no certificate in the file');
  return { certificatePem: leaf.pem, chainPems: pems.filter((p) => p !== leaf).map((p) => p.pem) };
}

function unreadable(file: string, why: string): SupplierError {
  return new SupplierError(CODE, 'temporary', 'transient', `${DISPLAY_NAME} sent a certificate file certbridge could not read (${why}); will fetch it again`, file.slice(0, 300));
}
