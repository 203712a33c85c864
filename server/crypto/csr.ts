/**
 * PKCS#10 certificate signing requests: build one for a key we generated, and read (and
 * signature-check) one a client pasted.
 *
 * Called by certificates/configure.ts (configuressl step one: generate or paste a CSR),
 * certificates/fulfilment.ts (certificate ↔ CSR key check) and the sandbox CA.
 * Errors: `CsrError` with `reason` and a message written for the client who pasted the CSR:
 *   not_pem       — no "-----BEGIN CERTIFICATE REQUEST-----" … "-----END …-----" block, or broken base64
 *   malformed     — the block decodes but is not a PKCS#10 structure (truncated, edited, wrong thing)
 *   bad_signature — well-formed, but the signature does not verify: altered after signing
 *   unsupported_key — the key or signature algorithm is not RSA / ECDSA (P-256, P-384, P-521)
 *   no_domain     — neither a common name nor a DNS subjectAltName
 *   invalid_input — (buildCsr only) a subject field or domain cannot go into a CSR
 * buildCsr also lets KeyError (keys.ts) through for an unreadable private key: that is our
 * own stored key, so a bug or a configuration fault rather than something the client typed.
 * Policy (minimum key size, allowed curves, name matching) is not decided here.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { DerError, OID, Tag, bitString, childrenOf, explicit, expectTag, extension, integer, oid, parseDer, readBitStringBytes, readOid, sequence, setOf, type DerElement } from './der';
import { NameError, encodeDistinguishedName, encodeDnsSubjectAltName, normalizeDnsName, readDistinguishedName, readDnsNamesFromSubjectAltName, type DnFields } from './dn';
import { KeyError, describePublicKey, publicKeyFingerprint, signerFor, spkiOf, verifySignature, type PublicKeyDescription } from './keys';
import { PemError, derToPem, splitPemBlocks } from './pem';

export type CsrErrorReason = 'not_pem' | 'malformed' | 'bad_signature' | 'unsupported_key' | 'no_domain' | 'invalid_input';

export class CsrError extends Error {
  constructor(
    readonly reason: CsrErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'CsrError';
  }
}

export interface CsrSubject extends DnFields {
  commonName: string;
}

export interface BuildCsrInput {
  privateKeyPem: string;
  subject: CsrSubject;
  /** Extra DNS names; the common name is always added first and duplicates are dropped. */
  altNames?: string[];
}

/** A signed CSR as PEM ("-----BEGIN CERTIFICATE REQUEST-----"). */
export function buildCsr(input: BuildCsrInput): string {
  let subjectDer: Buffer;
  let dnsNames: string[];
  try {
    const commonName = normalizeDnsName(input.subject.commonName);
    dnsNames = [...new Set([commonName, ...(input.altNames ?? []).map(normalizeDnsName)])];
    subjectDer = encodeDistinguishedName({ ...input.subject, commonName });
  } catch (err) {
    if (err instanceof NameError) throw new CsrError('invalid_input', err.message);
    throw err;
  }
  // CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo, attributes [0] }
  // with one attribute: extensionRequest { subjectAltName } — CAs read names from the SAN,
  // and browsers ignore the CN, so the CN is repeated there.
  const extensionRequest = sequence(oid(OID.extensionRequest), setOf([sequence(extension(OID.subjectAltName, false, encodeDnsSubjectAltName(dnsNames)))]));
  const info = sequence(integer(0), subjectDer, spkiOf(input.privateKeyPem), explicit(0, extensionRequest));
  const signer = signerFor(input.privateKeyPem);
  return derToPem(sequence(info, signer.algorithmIdentifier, bitString(signer.sign(info))), 'CERTIFICATE REQUEST');
}

export interface ParsedCsr {
  /** The subject CN, or the first DNS subjectAltName when the subject has no CN. */
  commonName: string;
  subject: DnFields;
  /** DNS names of the subjectAltName extension request, as written. */
  altNames: string[];
  /** CN + altNames, lower-cased, without trailing dots, de-duplicated, CN first. */
  dnsNames: string[];
  key: PublicKeyDescription;
  publicKeyFingerprint: string;
  signatureValid: true;
  /** The CSR re-wrapped canonically (LF, 64 columns) — the form to store and send on. */
  pem: string;
}

const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const START = '-----BEGIN CERTIFICATE REQUEST-----';

/** Reads a pasted CSR; throws CsrError (see the top of this file). */
export function parseCsr(text: string): ParsedCsr {
  const der = csrDer(text);
  let parts: ReturnType<typeof structure>;
  try {
    parts = structure(der);
  } catch (err) {
    if (err instanceof DerError) throw new CsrError('malformed', `The CSR is damaged: ${err.message}. Copy it again, including the BEGIN and END lines.`);
    throw err;
  }

  let publicKey: KeyObject;
  let key: PublicKeyDescription;
  try {
    publicKey = createPublicKey({ key: parts.spki.raw, format: 'der', type: 'spki' });
    key = describePublicKey(publicKey);
  } catch (err) {
    const detail = err instanceof KeyError ? err.message : 'its public key could not be read.';
    throw new CsrError('unsupported_key', `The CSR's key cannot be used: ${detail}`);
  }

  let valid: boolean;
  try {
    valid = verifySignature(parts.signatureAlgorithm, parts.info.raw, parts.signature, publicKey);
  } catch (err) {
    if (err instanceof KeyError) throw new CsrError('unsupported_key', `The CSR's signature cannot be checked: ${err.message}`);
    throw err;
  }
  if (!valid) throw new CsrError('bad_signature', "The CSR's signature does not verify: it was altered after it was signed. Generate it again.");

  const subject = parts.subject;
  const commonName = subject.commonName?.trim() || parts.altNames[0];
  if (!commonName) throw new CsrError('no_domain', 'The CSR names no domain: it has neither a common name (CN) nor a subjectAltName DNS name.');
  const normal = (n: string) => n.trim().toLowerCase().replace(/\.$/, '');
  const dnsNames = [...new Set([commonName, ...parts.altNames].map(normal).filter(Boolean))];
  return {
    commonName,
    subject,
    altNames: parts.altNames,
    dnsNames,
    key,
    publicKeyFingerprint: publicKeyFingerprint(publicKey),
    signatureValid: true,
    pem: derToPem(der, 'CERTIFICATE REQUEST'),
  };
}

function csrDer(text: string): Buffer {
  if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(text)) {
    const other = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
    if (other) throw new CsrError('not_pem', `This is a ${other.toLowerCase()}, not a CSR: paste the block that starts with ${START}.`);
    throw new CsrError('not_pem', `The CSR is not valid PEM: it must start with ${START}.`);
  }
  let blocks;
  try {
    blocks = splitPemBlocks(text).filter((b) => CSR_LABELS.has(b.label));
  } catch (err) {
    if (err instanceof PemError) throw new CsrError('not_pem', `The CSR is not valid PEM: ${err.message}`);
    throw err;
  }
  if (blocks.length === 0) throw new CsrError('not_pem', 'The CSR is not valid PEM: it must end with -----END CERTIFICATE REQUEST----- (was it cut off?).');
  if (blocks.length > 1) throw new CsrError('malformed', 'The text holds more than one CSR: paste only one.');
  return blocks[0].der;
}

/** CertificationRequest ::= SEQUENCE { CertificationRequestInfo, AlgorithmIdentifier, BIT STRING } */
function structure(der: Buffer) {
  const [info, sigAlg, sig, extra] = childrenOf(expectTag(parseDer(der), Tag.SEQUENCE, 'CertificationRequest'));
  if (extra) throw new DerError('unexpected data after the signature');
  const [version, subjectEl, spki, attributes] = childrenOf(expectTag(info, Tag.SEQUENCE, 'CertificationRequestInfo'));
  const v = expectTag(version, Tag.INTEGER, 'version').content;
  if (v.length !== 1 || v[0] !== 0) throw new DerError('the version is not 1 (0)');
  return {
    info,
    subject: readDistinguishedName(expectTag(subjectEl, Tag.SEQUENCE, 'subject')).fields,
    spki: expectTag(spki, Tag.SEQUENCE, 'subjectPKInfo'),
    altNames: attributes ? sanFromAttributes(expectTag(attributes, 0xa0, 'attributes')) : [],
    signatureAlgorithm: readOid(childrenOf(expectTag(sigAlg, Tag.SEQUENCE, 'signatureAlgorithm'))[0], 'signature algorithm'),
    signature: readBitStringBytes(sig, 'signature'),
  };
}

/** DNS names from the extensionRequest attribute (PKCS#9, or Microsoft's older OID). */
function sanFromAttributes(attributes: DerElement): string[] {
  const names: string[] = [];
  for (const attribute of childrenOf(attributes)) {
    const [type, values] = childrenOf(expectTag(attribute, Tag.SEQUENCE, 'attribute'));
    const typeOid = readOid(type, 'attribute type');
    if (typeOid !== OID.extensionRequest && typeOid !== OID.msExtensionRequest) continue;
    for (const extensions of childrenOf(expectTag(values, Tag.SET, 'attribute values'))) {
      for (const ext of childrenOf(expectTag(extensions, Tag.SEQUENCE, 'extensions'))) {
        const fields = childrenOf(expectTag(ext, Tag.SEQUENCE, 'extension'));
        if (readOid(fields[0], 'extension id') !== OID.subjectAltName) continue;
        const value = expectTag(fields[fields.length - 1], Tag.OCTET_STRING, 'extension value').content;
        names.push(...readDnsNamesFromSubjectAltName(value));
      }
    }
  }
  return names;
}
