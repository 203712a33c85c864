/**
 * PKCS#7 "certs-only" bundles (.p7b): a degenerate SignedData with certificates and no
 * signers, the format Windows/IIS and Tomcat import a chain from.
 *
 * Called by certificates/downloads.ts. Built from the certificates' raw DER, so it works for
 * RSA and EC certificates alike and never re-encodes (and so never breaks) a certificate.
 * Errors: `PemError` when an input holds no certificate or a broken PEM block.
 */
import { OID, Tag, explicit, integer, oid, sequence, setOf, tlv } from './der';
import { PemError, derToPem, splitPemBlocks } from './pem';

/** DER of the bundle; each input may hold one or several CERTIFICATE blocks, kept in order. */
export function certificatesToPkcs7Der(pems: string[]): Buffer {
  const certificates = pems.flatMap((pem) => {
    const blocks = splitPemBlocks(pem, 'CERTIFICATE');
    if (blocks.length === 0) throw new PemError('A chain entry holds no -----BEGIN CERTIFICATE----- block.');
    return blocks.map((b) => b.der);
  });
  if (certificates.length === 0) throw new PemError('No certificates were given for the PKCS#7 bundle.');
  // SignedData ::= SEQUENCE { version 1, digestAlgorithms SET {}, encapContentInfo { data },
  //   certificates [0] IMPLICIT, signerInfos SET {} } (RFC 2315 §9.1 / RFC 5652 §5.1).
  // The certificates field is written in the caller's order (leaf first), not DER-sorted:
  // OpenSSL and Windows both read it that way and keep the order when they list or import.
  const signedData = sequence(
    integer(1),
    setOf([]),
    sequence(oid(OID.data)),
    tlv(0xa0, ...certificates),
    tlv(Tag.SET),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

/** The bundle as PEM ("-----BEGIN PKCS7-----"). */
export function certificatesToPkcs7(pems: string[]): string {
  return derToPem(certificatesToPkcs7Der(pems), 'PKCS7');
}
