/**
 * A minimal DER toolkit over Buffers: encode elements and splice raw DER, and slice DER back
 * into elements without re-encoding.
 *
 * Called by dn.ts, keys.ts, csr.ts, pem.ts, x509-builder.ts, pkcs7.ts and pkcs12.ts.
 * Why not forge.asn1 trees for everything: a certificate chain only verifies when issuer names
 * and to-be-signed bytes are copied byte-exact, and forge.asn1 cannot embed an already-encoded
 * element without decoding and re-encoding it. So structures are built here as Buffers, and
 * forge.asn1 is used where it is reliable and saves code (OID encoding/decoding).
 *
 * Errors: `DerError` means the input is not well-formed DER (truncated, bad length, wrong
 * tag where a structure demands another); callers turn it into their own domain error.
 */
import forge from 'node-forge';

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Universal tags (with the constructed bit where the type is always constructed). */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  PrintableString: 0x13,
  TeletexString: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  UniversalString: 0x1c,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

// ---------------------------------------------------------------- encoding

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One element: tag, DER length, and the content (already-encoded children are spliced as-is). */
export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const sequence = (...children: Buffer[]): Buffer => tlv(Tag.SEQUENCE, ...children);

/** SET OF: DER requires the encodings sorted, whatever order the caller gives. */
export function setOf(children: Buffer[]): Buffer {
  return tlv(Tag.SET, ...[...children].sort(Buffer.compare));
}

/** [n] EXPLICIT — a constructed context-specific wrapper around complete elements. */
export const explicit = (n: number, ...children: Buffer[]): Buffer => tlv(0xa0 | n, ...children);

/** [n] IMPLICIT on a primitive type: the content of the element with the context tag. */
export const implicitPrimitive = (n: number, content: Buffer): Buffer => tlv(0x80 | n, content);

export function oid(dotted: string): Buffer {
  return tlv(Tag.OID, Buffer.from(forge.asn1.oidToDer(dotted).getBytes(), 'binary'));
}

/** A non-negative INTEGER from its big-endian magnitude (or a small number), minimally encoded. */
export function integer(value: Buffer | number): Buffer {
  let bytes: Buffer;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`integer ${value} is not a non-negative safe integer`);
    const hex = value.toString(16);
    bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  } else {
    bytes = value;
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  // A set top bit would read as negative, so positive values get a 0x00 prefix.
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(Tag.INTEGER, bytes);
}

export const octetString = (content: Buffer): Buffer => tlv(Tag.OCTET_STRING, content);
export const bitString = (content: Buffer, unusedBits = 0): Buffer => tlv(Tag.BIT_STRING, Buffer.from([unusedBits]), content);
export const nullValue = (): Buffer => Buffer.from([Tag.NULL, 0]);
export const boolean = (value: boolean): Buffer => Buffer.from([Tag.BOOLEAN, 1, value ? 0xff : 0]);
export const utf8String = (value: string): Buffer => tlv(Tag.UTF8String, Buffer.from(value, 'utf8'));

export function printableString(value: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) throw new RangeError('value has characters PrintableString cannot hold');
  return tlv(Tag.PrintableString, Buffer.from(value, 'ascii'));
}

export function ia5String(value: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(value)) throw new RangeError('value has non-ASCII characters IA5String cannot hold');
  return tlv(Tag.IA5String, Buffer.from(value, 'ascii'));
}

/** AlgorithmIdentifier; pass 'null' for the RSA family, whose parameters must be an explicit NULL. */
export function algorithmIdentifier(algorithmOid: string, params?: Buffer | 'null'): Buffer {
  if (params === undefined) return sequence(oid(algorithmOid));
  return sequence(oid(algorithmOid), params === 'null' ? nullValue() : params);
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; seconds, always Z. */
export function time(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z'; // YYYYMMDDHHMMSSZ
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`year ${year} cannot be encoded in a certificate`);
  return year < 2050 ? tlv(Tag.UTCTime, Buffer.from(digits.slice(2), 'ascii')) : tlv(Tag.GeneralizedTime, Buffer.from(digits, 'ascii'));
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
export function extension(extnOid: string, critical: boolean, valueDer: Buffer): Buffer {
  // DER omits a BOOLEAN that equals its DEFAULT, so non-critical extensions carry no flag.
  return critical ? sequence(oid(extnOid), boolean(true), octetString(valueDer)) : sequence(oid(extnOid), octetString(valueDer));
}

// ---------------------------------------------------------------- decoding

export interface DerElement {
  tag: number;
  /** The whole element, header included — the exact bytes to copy or to verify a signature over. */
  raw: Buffer;
  content: Buffer;
}

/** Reads the element starting at `offset`; `end` is where the next one starts. */
export function readElement(buf: Buffer, offset = 0): DerElement & { end: number } {
  if (offset + 2 > buf.length) throw new DerError('truncated DER: element header missing');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('unsupported DER: multi-byte tag');
  let pos = offset + 1;
  const first = buf[pos++];
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError('not DER: indefinite length');
    if (count > 4) throw new DerError('DER length too large');
    if (pos + count > buf.length) throw new DerError('truncated DER: length bytes missing');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > buf.length) throw new DerError('truncated DER: content shorter than its length says');
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(pos, end), end };
}

/** Parses a buffer that must hold exactly one element (trailing bytes are an error). */
export function parseDer(buf: Buffer): DerElement {
  const el = readElement(buf, 0);
  if (el.end !== buf.length) throw new DerError('trailing bytes after the DER element');
  return el;
}

/** The children of a constructed element, as raw slices. */
export function childrenOf(el: DerElement): DerElement[] {
  if (!(el.tag & 0x20)) throw new DerError(`expected a constructed element, found tag 0x${el.tag.toString(16)}`);
  const out: DerElement[] = [];
  for (let pos = 0; pos < el.content.length; ) {
    const child = readElement(el.content, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function expectTag(el: DerElement | undefined, tag: number, what: string): DerElement {
  if (!el) throw new DerError(`${what} is missing`);
  if (el.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${el.tag.toString(16)}`);
  return el;
}

export function readOid(el: DerElement | undefined, what = 'OID'): string {
  const checked = expectTag(el, Tag.OID, what);
  return forge.asn1.derToOid(checked.content.toString('binary'));
}

/** BIT STRING content without the unused-bits byte (signatures and keys use whole bytes). */
export function readBitStringBytes(el: DerElement | undefined, what = 'BIT STRING'): Buffer {
  const checked = expectTag(el, Tag.BIT_STRING, what);
  if (checked.content.length < 1 || checked.content[0] !== 0) throw new DerError(`${what} does not hold whole bytes`);
  return checked.content.subarray(1);
}

/** Decodes the directory-string types seen in certificate names and SANs. */
export function readString(el: DerElement): string {
  switch (el.tag) {
    case Tag.UTF8String:
      return el.content.toString('utf8');
    case Tag.PrintableString:
    case Tag.IA5String:
    case Tag.TeletexString: // in practice Latin-1 text
      return el.content.toString('latin1');
    case Tag.BMPString:
      return Buffer.from(el.content).swap16().toString('utf16le');
    case Tag.UniversalString: {
      let s = '';
      for (let i = 0; i + 3 < el.content.length; i += 4) s += String.fromCodePoint(el.content.readUInt32BE(i));
      return s;
    }
    default:
      throw new DerError(`expected a string, found tag 0x${el.tag.toString(16)}`);
  }
}

export function readTime(el: DerElement): Date {
  const text = el.content.toString('ascii');
  let m: RegExpMatchArray | null;
  if (el.tag === Tag.UTCTime && (m = text.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  if (el.tag === Tag.GeneralizedTime && (m = text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  throw new DerError(`not a DER time: ${JSON.stringify(text)}`);
}

// ---------------------------------------------------------------- object identifiers

/** The OIDs this codebase writes or reads, in one place so a typo is a compile error. */
export const OID = {
  // public keys and signatures
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA1: '1.2.840.10045.4.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  // name attributes
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  emailAddress: '1.2.840.113549.1.9.1',
  // CSR attributes
  extensionRequest: '1.2.840.113549.1.9.14',
  msExtensionRequest: '1.3.6.1.4.1.311.2.1.14',
  // certificate extensions
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  // PKCS#7 / CMS content types
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  encryptedData: '1.2.840.113549.1.7.6',
  // PKCS#12
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;
