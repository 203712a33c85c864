/**
 * PEM text ⇄ DER bytes, and a plain description of an X.509 certificate.
 *
 * Called by csr.ts, keys.ts, pkcs7.ts, pkcs12.ts, the sandbox CA, and by the order service to
 * check a supplier's certificate (names, dates, key) before storing it and to build downloads.
 * Errors: `PemError` — the text holds no usable PEM block of the wanted kind, its base64 is
 * broken, or the block is not a parseable certificate. Messages are safe to show.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { OID, Tag, childrenOf, expectTag, parseDer, readOid, readTime, type DerElement } from './der';
import { readDistinguishedName, readDnsNamesFromSubjectAltName } from './dn';

export class PemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PemError';
  }
}

export interface PemBlock {
  /** e.g. "CERTIFICATE", "PRIVATE KEY", "NEW CERTIFICATE REQUEST". */
  label: string;
  der: Buffer;
  /** The block re-wrapped canonically (LF, 64 columns, trailing newline). */
  pem: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Every PEM block in `text`, in order, optionally only those with `label`. Tolerates CRLF,
 * indentation and text between blocks (what people paste from e-mails and CA portals).
 */
export function splitPemBlocks(text: string, label?: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const blockLabel = m[1];
    if (label !== undefined && blockLabel !== label) continue;
    // RFC 1421 headers ("Proc-Type: …") in legacy encrypted keys are not base64.
    const body = m[2]
      .split(/\r?\n/)
      .filter((line) => !line.includes(':'))
      .join('')
      .replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) {
      throw new PemError(`The ${blockLabel} block is not valid base64: it was probably cut or altered while copying.`);
    }
    const der = Buffer.from(body, 'base64');
    if (der.length === 0) throw new PemError(`The ${blockLabel} block is empty.`);
    blocks.push({ label: blockLabel, der, pem: derToPem(der, blockLabel) });
  }
  return blocks;
}

/** DER of the first block (with `label` if given). */
export function pemToDer(text: string, label?: string): Buffer {
  const [first] = splitPemBlocks(text, label);
  if (!first) throw new PemError(label ? `No -----BEGIN ${label}----- block was found.` : 'No PEM block was found.');
  return first.der;
}

export function derToPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** The extnValue octets (the DER of the extension's own structure). */
  value: Buffer;
}

export interface TbsCertificateParts {
  /** The whole TBSCertificate element — the signed bytes. */
  tbs: DerElement;
  serialNumber: DerElement;
  issuer: DerElement;
  notBefore: Date;
  notAfter: Date;
  subject: DerElement;
  subjectPublicKeyInfo: DerElement;
  extensions: CertificateExtension[];
}

/** Slices a DER certificate into its TBSCertificate parts without re-encoding anything. */
export function readTbsCertificate(certDer: Buffer): TbsCertificateParts {
  const [tbs] = childrenOf(expectTag(parseDer(certDer), Tag.SEQUENCE, 'certificate'));
  const parts = childrenOf(expectTag(tbs, Tag.SEQUENCE, 'tbsCertificate'));
  // version is [0] EXPLICIT and absent for v1 certificates
  const offset = parts[0]?.tag === 0xa0 ? 1 : 0;
  const [serialNumber, , issuer, validity, subject, spki, ...rest] = parts.slice(offset);
  const [notBefore, notAfter] = childrenOf(expectTag(validity, Tag.SEQUENCE, 'validity'));
  const extensions: CertificateExtension[] = [];
  const extsWrapper = rest.find((el) => el.tag === 0xa3);
  if (extsWrapper) {
    const [exts] = childrenOf(extsWrapper);
    for (const ext of childrenOf(expectTag(exts, Tag.SEQUENCE, 'extensions'))) {
      const fields = childrenOf(ext);
      const critical = fields.length === 3 && fields[1].tag === Tag.BOOLEAN && fields[1].content[0] !== 0;
      const value = expectTag(fields[fields.length - 1], Tag.OCTET_STRING, 'extnValue').content;
      extensions.push({ oid: readOid(fields[0], 'extnID'), critical, value });
    }
  }
  return {
    tbs,
    serialNumber: expectTag(serialNumber, Tag.INTEGER, 'serialNumber'),
    issuer: expectTag(issuer, Tag.SEQUENCE, 'issuer'),
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    subject: expectTag(subject, Tag.SEQUENCE, 'subject'),
    subjectPublicKeyInfo: expectTag(spki, Tag.SEQUENCE, 'subjectPublicKeyInfo'),
    extensions,
  };
}

export interface CertificateDescription {
  subjectCommonName: string;
  subjectOrganization?: string;
  issuerCommonName: string;
  issuerOrganization?: string;
  /** Lower-case hex, as `openssl x509 -serial` prints it (modulo case). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** dNSName entries of the subjectAltName, in certificate order. */
  dnsNames: string[];
  /** SHA-256 of the certificate DER, lower-case hex without colons. */
  sha256Fingerprint: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER — equals keys.publicKeyFingerprint of the key/CSR. */
  publicKeyFingerprint: string;
  isCa: boolean;
}

/** Throws PemError if `pem` holds no certificate or the certificate does not parse. */
export function describeCertificate(pem: string): CertificateDescription {
  const der = pemToDer(pem, 'CERTIFICATE');
  let x509: X509Certificate;
  let parts: TbsCertificateParts;
  try {
    x509 = new X509Certificate(der);
    parts = readTbsCertificate(der);
  } catch (err) {
    throw new PemError(`The certificate could not be read: ${(err as Error).message}`);
  }
  const subject = readDistinguishedName(parts.subject).fields;
  const issuer = readDistinguishedName(parts.issuer).fields;
  const san = parts.extensions.find((e) => e.oid === OID.subjectAltName);
  // Same formula as keys.publicKeyFingerprint (re-exported SPKI, so encodings agree); not
  // imported from there because keys.ts depends on this file.
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    subjectCommonName: subject.commonName ?? '',
    ...(subject.organization !== undefined && { subjectOrganization: subject.organization }),
    issuerCommonName: issuer.commonName ?? '',
    ...(issuer.organization !== undefined && { issuerOrganization: issuer.organization }),
    serialNumber: x509.serialNumber.toLowerCase(),
    notBefore: parts.notBefore,
    notAfter: parts.notAfter,
    dnsNames: san ? readDnsNamesFromSubjectAltName(san.value) : [],
    sha256Fingerprint: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    publicKeyFingerprint: createHash('sha256').update(spki).digest('hex'),
    isCa: x509.ca,
  };
}
