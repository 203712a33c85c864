/**
 * Builds and signs X.509 v3 certificates from parts (RFC 5280), for RSA and EC subjects and
 * issuers alike: the structure is assembled as DER here and signed with node:crypto.
 *
 * Called by the sandbox CA (server/suppliers/sandbox/ca.ts) for its root, intermediate and
 * leaf certificates, and by tests that need a certificate.
 * Errors: `RangeError` for impossible input (notAfter not after notBefore, pathLen on a
 * non-CA); NameError (dn.ts) for unusable names; KeyError (keys.ts) for an unusable issuer key.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { OID, Tag, bitString, boolean, childrenOf, explicit, extension, implicitPrimitive, integer, octetString, oid, parseDer, sequence, time } from './der';
import { encodeDistinguishedName, encodeDnsSubjectAltName, type DnFields } from './dn';
import { signerFor, subjectKeyIdentifier } from './keys';
import { derToPem, pemToDer, readTbsCertificate } from './pem';

/** RFC 5280 §4.2.1.3 bit numbers. */
const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsage = keyof typeof KEY_USAGE_BITS;

const EXT_KEY_USAGE_OIDS = { serverAuth: OID.serverAuth, clientAuth: OID.clientAuth } as const;
export type ExtKeyUsage = keyof typeof EXT_KEY_USAGE_OIDS;

export interface SignCertificateInput {
  /** SubjectPublicKeyInfo DER of the key being certified. */
  subjectPublicKeyDer: Buffer;
  /** Name DER, or fields to encode. */
  subjectDn: Buffer | DnFields;
  /** Name DER copied from the issuer certificate's subject (see issuerPartsOf) so chains match byte-exact. */
  issuerDn: Buffer | DnFields;
  issuerPrivateKeyPem: string | KeyObject;
  /** SPKI DER of the issuer key, for the AuthorityKeyIdentifier. */
  issuerPublicKeyDer: Buffer;
  /** Big-endian positive magnitude; default: 16 random bytes (see randomSerialNumber). */
  serialNumber?: Buffer;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  /** Only for CAs: how many CA certificates may follow below this one. */
  pathLen?: number;
  keyUsage: KeyUsage[];
  extKeyUsage?: ExtKeyUsage[];
  dnsNames?: string[];
}

/**
 * 16 random bytes, top bit clear (positive) and second bit set (so DER needs no 0x00 pad
 * and the length is always 16): 126 bits of entropy, well above CA/B's 64.
 */
export function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return serial;
}

/** The issuer-side inputs taken from an issuer's certificate: its subject Name and SPKI, raw. */
export function issuerPartsOf(certificatePem: string): { issuerDn: Buffer; issuerPublicKeyDer: Buffer } {
  const parts = readTbsCertificate(pemToDer(certificatePem, 'CERTIFICATE'));
  return { issuerDn: Buffer.from(parts.subject.raw), issuerPublicKeyDer: Buffer.from(parts.subjectPublicKeyInfo.raw) };
}

/** KeyUsage as a DER BIT STRING: named bits, trailing zero bits dropped (X.690 §11.2.2). */
function keyUsageValue(usages: KeyUsage[]): Buffer {
  const bits = usages.map((u) => KEY_USAGE_BITS[u]);
  if (bits.length === 0) throw new RangeError('keyUsage must name at least one usage');
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  return bitString(bytes, 7 - (highest & 7));
}

export function signCertificate(input: SignCertificateInput): string {
  if (!(input.notAfter.getTime() > input.notBefore.getTime())) throw new RangeError('notAfter must be after notBefore');
  if (input.pathLen !== undefined && (!input.isCa || !Number.isInteger(input.pathLen) || input.pathLen < 0)) {
    throw new RangeError('pathLen needs isCa and a non-negative integer');
  }
  const toName = (dn: Buffer | DnFields) => (Buffer.isBuffer(dn) ? dn : encodeDistinguishedName(dn));

  const subjectDn = toName(input.subjectDn);
  // RFC 5280 §4.2.1.6: with an empty subject the names live only in the SAN, which must then
  // be critical (happens for domains longer than the 64-character CN limit).
  const emptySubject = subjectDn.equals(sequence());
  if (emptySubject && !input.dnsNames?.length) throw new RangeError('a certificate with an empty subject needs dnsNames');

  const basicConstraints = input.isCa ? sequence(boolean(true), ...(input.pathLen !== undefined ? [integer(input.pathLen)] : [])) : sequence();
  const extensions = [
    extension(OID.basicConstraints, true, basicConstraints),
    extension(OID.keyUsage, true, keyUsageValue(input.keyUsage)),
    ...(input.extKeyUsage?.length ? [extension(OID.extKeyUsage, false, sequence(...input.extKeyUsage.map((u) => oid(EXT_KEY_USAGE_OIDS[u]))))] : []),
    ...(input.dnsNames?.length ? [extension(OID.subjectAltName, emptySubject, encodeDnsSubjectAltName(input.dnsNames))] : []),
    extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyIdentifier(input.subjectPublicKeyDer))),
    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, subjectKeyIdentifier(input.issuerPublicKeyDer)))),
  ];

  // The signature AlgorithmIdentifier appears twice: inside the TBS and beside the signature.
  const signer = signerFor(input.issuerPrivateKeyPem);
  const spki = parseDer(input.subjectPublicKeyDer);
  if (spki.tag !== Tag.SEQUENCE || childrenOf(spki).length !== 2) throw new RangeError('subjectPublicKeyDer is not a SubjectPublicKeyInfo');

  const tbs = sequence(
    explicit(0, integer(2)), // v3
    integer(input.serialNumber ?? randomSerialNumber()),
    signer.algorithmIdentifier,
    toName(input.issuerDn),
    sequence(time(input.notBefore), time(input.notAfter)),
    subjectDn,
    input.subjectPublicKeyDer,
    explicit(3, sequence(...extensions)),
  );
  return derToPem(sequence(tbs, signer.algorithmIdentifier, bitString(signer.sign(tbs))), 'CERTIFICATE');
}
