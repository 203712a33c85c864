/**
 * Names in certificates and CSRs: X.501 distinguished names (subject/issuer) and the DNS names
 * of the subjectAltName extension — writing them from fields and reading them back.
 *
 * Called by csr.ts (build and parse), pem.ts (describeCertificate) and x509-builder.ts.
 * Errors: `NameError` means a caller-supplied value cannot go into a certificate (too long,
 * wrong characters, a country that is not two letters); its message names the field and is
 * safe to show to the client who typed it. Malformed DER while reading throws DerError.
 */
import { OID, Tag, childrenOf, expectTag, ia5String, implicitPrimitive, oid, parseDer, printableString, readOid, readString, sequence, setOf, utf8String, type DerElement } from './der';

export interface DnFields {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  /** ISO 3166 two-letter code. */
  country?: string;
  email?: string;
}

export class NameError extends Error {
  constructor(
    readonly field: keyof DnFields | 'dnsName',
    message: string,
  ) {
    super(message);
    this.name = 'NameError';
  }
}

interface AttributeRule {
  field: keyof DnFields;
  oid: string;
  label: string;
  /** X.520 / PKCS#9 upper bounds; CAs reject longer values. */
  max: number;
  encode: (value: string) => Buffer;
}

// Written in this order (C, ST, L, O, OU, CN, E) — the conventional one OpenSSL and CAs use.
// String types: PrintableString is mandatory for C, IA5String for emailAddress, and RFC 5280
// says UTF8String for everything else.
const RULES: AttributeRule[] = [
  { field: 'country', oid: OID.countryName, label: 'country', max: 2, encode: printableString },
  { field: 'state', oid: OID.stateOrProvinceName, label: 'state or province', max: 128, encode: utf8String },
  { field: 'locality', oid: OID.localityName, label: 'locality (city)', max: 128, encode: utf8String },
  { field: 'organization', oid: OID.organizationName, label: 'organization', max: 64, encode: utf8String },
  { field: 'organizationalUnit', oid: OID.organizationalUnitName, label: 'organizational unit', max: 64, encode: utf8String },
  { field: 'commonName', oid: OID.commonName, label: 'common name', max: 64, encode: utf8String },
  { field: 'email', oid: OID.emailAddress, label: 'e-mail address', max: 128, encode: ia5String },
];

function checkedValue(rule: AttributeRule, raw: string): string {
  let value = raw.trim();
  if (/[\x00-\x1f\x7f]/.test(value)) throw new NameError(rule.field, `The ${rule.label} contains control characters.`);
  if (rule.field === 'country') {
    value = value.toUpperCase();
    if (!/^[A-Z]{2}$/.test(value)) throw new NameError(rule.field, `The country must be a two-letter ISO code such as "DE" or "US", not "${raw}".`);
  }
  if (rule.field === 'email' && !/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(value)) {
    throw new NameError(rule.field, `The e-mail address "${raw}" is not a plain ASCII address like name@example.com.`);
  }
  if ([...value].length > rule.max) throw new NameError(rule.field, `The ${rule.label} is longer than ${rule.max} characters.`);
  return value;
}

/** Name DER from fields; blank fields are left out. Throws NameError for unusable values. */
export function encodeDistinguishedName(fields: DnFields): Buffer {
  const rdns: Buffer[] = [];
  for (const rule of RULES) {
    const raw = fields[rule.field];
    if (raw === undefined || raw.trim() === '') continue;
    const value = checkedValue(rule, raw);
    // One attribute per RDN (a SET of one), as every CA expects.
    rdns.push(setOf([sequence(oid(rule.oid), rule.encode(value))]));
  }
  return sequence(...rdns);
}

export interface DnAttribute {
  oid: string;
  /** Set when the attribute is one of the DnFields. */
  field?: keyof DnFields;
  value: string;
}

/** Every attribute of a Name in order, plus the first value of each known field. */
export function readDistinguishedName(name: Buffer | DerElement): { fields: DnFields; attributes: DnAttribute[] } {
  const el = expectTag(Buffer.isBuffer(name) ? parseDer(name) : name, Tag.SEQUENCE, 'distinguished name');
  const attributes: DnAttribute[] = [];
  const fields: DnFields = {};
  for (const rdn of childrenOf(el)) {
    for (const atv of childrenOf(expectTag(rdn, Tag.SET, 'relative distinguished name'))) {
      const [typeEl, valueEl] = childrenOf(expectTag(atv, Tag.SEQUENCE, 'name attribute'));
      const attrOid = readOid(typeEl, 'name attribute type');
      const value = valueEl ? readString(valueEl) : '';
      const field = RULES.find((r) => r.oid === attrOid)?.field;
      attributes.push(field ? { oid: attrOid, field, value } : { oid: attrOid, value });
      if (field && fields[field] === undefined) fields[field] = value;
    }
  }
  return { fields, attributes };
}

/**
 * A DNS name as it goes into a SAN: trimmed, lower-cased, without a trailing dot; a leading
 * "*." wildcard is allowed. Internationalised names must arrive in their xn-- (punycode) form,
 * because dNSName is an IA5String.
 */
export function normalizeDnsName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  if (name === '') throw new NameError('dnsName', 'A domain name is empty.');
  if (/[^\x21-\x7e]/.test(name)) {
    throw new NameError('dnsName', `"${raw.trim()}" is not a plain ASCII domain name; write internationalised names in their xn-- form.`);
  }
  const labels = (name.startsWith('*.') ? name.slice(2) : name).split('.');
  const labelOk = (l: string) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l);
  if (name.length > 253 || !labels.every(labelOk)) throw new NameError('dnsName', `"${raw.trim()}" is not a valid domain name.`);
  return name;
}

/**
 * The subjectAltName extension value: GeneralNames holding dNSName ([2] IMPLICIT IA5String).
 * Names are normalised (see normalizeDnsName); the caller decides order and de-duplication.
 */
export function encodeDnsSubjectAltName(dnsNames: string[]): Buffer {
  return sequence(...dnsNames.map((n) => implicitPrimitive(2, Buffer.from(normalizeDnsName(n), 'ascii'))));
}

/** The dNSName entries of a subjectAltName extension value; other name types are skipped. */
export function readDnsNamesFromSubjectAltName(extnValue: Buffer): string[] {
  const names: string[] = [];
  for (const gn of childrenOf(expectTag(parseDer(extnValue), Tag.SEQUENCE, 'subjectAltName'))) {
    if (gn.tag === 0x82) names.push(gn.content.toString('latin1'));
  }
  return names;
}
