/**
 * Private keys and public-key facts: generate (node:crypto, fast and non-blocking), describe
 * (RSA bits / EC curve), fingerprint (to prove a certificate belongs to a CSR or key), and
 * sign/verify with the algorithm that fits the key.
 *
 * Called by the CSR step of configuressl (generate a key for the client), csr.ts, x509-builder.ts,
 * pkcs12.ts, the sandbox CA and the order service (certificate ↔ key match).
 * Errors: `KeyError` with `reason`:
 *   invalid_spec          — a key type text such as "rsa1024" is not one we generate
 *   invalid_key           — the input is not a readable key, certificate or CSR (or is encrypted)
 *   unsupported_key       — readable, but not RSA or ECDSA on P-256/P-384/P-521
 *   unsupported_algorithm — a signature algorithm we do not verify (e.g. RSA-PSS)
 */
import { KeyObject, X509Certificate, createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { OID, Tag, algorithmIdentifier, childrenOf, expectTag, parseDer, readBitStringBytes } from './der';
import { splitPemBlocks } from './pem';

export type KeySpec = { type: 'rsa'; bits: 2048 | 3072 | 4096 } | { type: 'ec'; curve: 'P-256' | 'P-384' };
export type EcCurve = 'P-256' | 'P-384' | 'P-521';

export interface PublicKeyDescription {
  type: 'rsa' | 'ec';
  /** RSA modulus bits, or the curve size for EC (256, 384, 521). */
  bits: number;
  curve?: EcCurve;
}

export type KeyErrorReason = 'invalid_spec' | 'invalid_key' | 'unsupported_key' | 'unsupported_algorithm';

export class KeyError extends Error {
  constructor(
    readonly reason: KeyErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'KeyError';
  }
}

/** A KeyObject, or PEM text of a private key, public key, certificate or CSR. */
export type KeyInput = KeyObject | string;

const generateKeyPairAsync = promisify(generateKeyPair);

/** A new private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Runs off the event loop. */
export async function generatePrivateKey(spec: KeySpec): Promise<string> {
  const publicKeyEncoding = { type: 'spki', format: 'pem' } as const;
  const privateKeyEncoding = { type: 'pkcs8', format: 'pem' } as const;
  const { privateKey } =
    spec.type === 'rsa'
      ? await generateKeyPairAsync('rsa', { modulusLength: spec.bits, publicExponent: 0x10001, publicKeyEncoding, privateKeyEncoding })
      : await generateKeyPairAsync('ec', { namedCurve: spec.curve, publicKeyEncoding, privateKeyEncoding });
  return privateKey;
}

const SPECS: Record<string, KeySpec> = {
  rsa2048: { type: 'rsa', bits: 2048 },
  rsa3072: { type: 'rsa', bits: 3072 },
  rsa4096: { type: 'rsa', bits: 4096 },
  ecp256: { type: 'ec', curve: 'P-256' },
  ecp384: { type: 'ec', curve: 'P-384' },
};

/** "rsa2048", "RSA-4096", "ec-p256", "ECDSA P-384" … → KeySpec; anything else is a KeyError. */
export function parseKeySpec(text: string): KeySpec {
  const compact = text.toLowerCase().replace(/[\s_-]+/g, '').replace(/^ecdsa/, 'ec');
  const spec = SPECS[compact];
  if (!spec) {
    throw new KeyError('invalid_spec', `Unknown key type "${text}": use one of rsa2048, rsa3072, rsa4096, ec-p256, ec-p384.`);
  }
  return { ...spec };
}

/** The inverse of parseKeySpec: "rsa2048" or "ec-p256". */
export function formatKeySpec(spec: KeySpec): string {
  return spec.type === 'rsa' ? `rsa${spec.bits}` : `ec-${spec.curve.toLowerCase().replace('-', '')}`;
}

const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);

/** The public half of any KeyInput (the first key-bearing PEM block is used). */
export function publicKeyOf(input: KeyInput): KeyObject {
  try {
    if (input instanceof KeyObject) return input.type === 'private' ? createPublicKey(input) : input;
    for (const block of splitPemBlocks(input)) {
      if (PRIVATE_LABELS.has(block.label)) return createPublicKey(createPrivateKey(block.pem));
      if (PUBLIC_LABELS.has(block.label)) return createPublicKey(block.pem);
      if (block.label === 'CERTIFICATE') return new X509Certificate(block.der).publicKey;
      if (CSR_LABELS.has(block.label)) {
        // CertificationRequest → CertificationRequestInfo → [version, subject, SPKI, …]
        const [info] = childrenOf(parseDer(block.der));
        const spki = expectTag(childrenOf(info)[2], Tag.SEQUENCE, 'subjectPKInfo');
        return createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
      }
      if (block.label === 'ENCRYPTED PRIVATE KEY') throw new KeyError('invalid_key', 'The private key is encrypted with a password; provide it decrypted.');
    }
  } catch (err) {
    if (err instanceof KeyError) throw err;
    throw new KeyError('invalid_key', `The key could not be read: ${(err as Error).message}`);
  }
  throw new KeyError('invalid_key', 'No private key, public key, certificate or CSR PEM block was found.');
}

const CURVES: Record<string, { curve: EcCurve; bits: number }> = {
  prime256v1: { curve: 'P-256', bits: 256 },
  secp384r1: { curve: 'P-384', bits: 384 },
  secp521r1: { curve: 'P-521', bits: 521 },
};

export function describePublicKey(input: KeyInput): PublicKeyDescription {
  const key = publicKeyOf(input);
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && details.modulusLength) return { type: 'rsa', bits: details.modulusLength };
  if (key.asymmetricKeyType === 'ec' && details.namedCurve && CURVES[details.namedCurve]) {
    return { type: 'ec', ...CURVES[details.namedCurve] };
  }
  const what = key.asymmetricKeyType === 'ec' ? `EC curve ${details.namedCurve ?? '(unnamed)'}` : `${key.asymmetricKeyType ?? 'unknown'} keys`;
  throw new KeyError('unsupported_key', `${what} are not supported: use RSA or ECDSA with P-256 or P-384.`);
}

/** SubjectPublicKeyInfo DER, re-exported by node:crypto so every source encodes it alike. */
export function spkiOf(input: KeyInput): Buffer {
  return publicKeyOf(input).export({ type: 'spki', format: 'der' });
}

/** SHA-256 (lower-case hex) of the SPKI DER: equal for a private key, its CSR and its certificate. */
export function publicKeyFingerprint(input: KeyInput): string {
  return createHash('sha256').update(spkiOf(input)).digest('hex');
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits — for SKI and AKI. */
export function subjectKeyIdentifier(spkiDer: Buffer): Buffer {
  const [, keyBits] = childrenOf(expectTag(parseDer(spkiDer), Tag.SEQUENCE, 'subjectPublicKeyInfo'));
  return createHash('sha1').update(readBitStringBytes(keyBits, 'subjectPublicKey')).digest();
}

interface SignatureAlgorithm {
  oid: string;
  hash: string;
  keyType: 'rsa' | 'ec';
}

const SIGNATURE_ALGORITHMS: SignatureAlgorithm[] = [
  { oid: OID.sha256WithRSAEncryption, hash: 'sha256', keyType: 'rsa' },
  { oid: OID.sha384WithRSAEncryption, hash: 'sha384', keyType: 'rsa' },
  { oid: OID.sha512WithRSAEncryption, hash: 'sha512', keyType: 'rsa' },
  // SHA-1 is accepted for verifying CSRs only: there it proves key possession, nothing more.
  { oid: OID.sha1WithRSAEncryption, hash: 'sha1', keyType: 'rsa' },
  { oid: OID.ecdsaWithSHA256, hash: 'sha256', keyType: 'ec' },
  { oid: OID.ecdsaWithSHA384, hash: 'sha384', keyType: 'ec' },
  { oid: OID.ecdsaWithSHA512, hash: 'sha512', keyType: 'ec' },
  { oid: OID.ecdsaWithSHA1, hash: 'sha1', keyType: 'ec' },
];

export interface Signer {
  /** The AlgorithmIdentifier DER that goes beside (and, in certificates, inside) the signed data. */
  algorithmIdentifier: Buffer;
  sign(data: Buffer): Buffer;
}

/**
 * A signer for `privateKey` that signs the way X.509 and PKCS#10 expect: RSA →
 * sha256WithRSAEncryption (PKCS#1 v1.5); EC → ECDSA with the hash matching the curve size,
 * DER-encoded signature value.
 */
export function signerFor(privateKey: KeyInput): Signer {
  let key: KeyObject;
  try {
    key = privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey);
  } catch (err) {
    throw new KeyError('invalid_key', `The private key could not be read: ${(err as Error).message}`);
  }
  if (key.type !== 'private') throw new KeyError('invalid_key', 'A private key is needed to sign.');
  const description = describePublicKey(key);
  if (description.type === 'rsa') {
    return { algorithmIdentifier: algorithmIdentifier(OID.sha256WithRSAEncryption, 'null'), sign: (data) => sign('sha256', data, key) };
  }
  const { hash, oid } =
    description.curve === 'P-256'
      ? { hash: 'sha256', oid: OID.ecdsaWithSHA256 }
      : description.curve === 'P-384'
        ? { hash: 'sha384', oid: OID.ecdsaWithSHA384 }
        : { hash: 'sha512', oid: OID.ecdsaWithSHA512 };
  // ECDSA AlgorithmIdentifiers carry no parameters at all (RFC 5758 §3.2).
  return { algorithmIdentifier: algorithmIdentifier(oid), sign: (data) => sign(hash, data, { key, dsaEncoding: 'der' }) };
}

/** True when `signature` over `data` verifies under `algorithmOid`; false on any mismatch. */
export function verifySignature(algorithmOid: string, data: Buffer, signature: Buffer, publicKey: KeyObject): boolean {
  const algorithm = SIGNATURE_ALGORITHMS.find((a) => a.oid === algorithmOid);
  if (!algorithm) throw new KeyError('unsupported_algorithm', `Signature algorithm ${algorithmOid} is not supported (use SHA-256 with RSA or ECDSA).`);
  if (publicKey.asymmetricKeyType !== algorithm.keyType) return false;
  try {
    return verify(algorithm.hash, data, algorithm.keyType === 'ec' ? { key: publicKey, dsaEncoding: 'der' } : publicKey, signature);
  } catch {
    return false;
  }
}
