/**
 * PKCS#12 / PFX files (RFC 7292) holding a private key (RSA or EC), its certificate and the
 * chain, protected by a password — the download for IIS, Exchange, Azure and Java key stores.
 *
 * Called by certificates/downloads.ts. Assembled here as DER (forge's own PKCS#12 writer only
 * takes forge RSA key objects and MACs with SHA-1); node:crypto does the ciphers and HMAC,
 * forge supplies the RFC 7292 Appendix B key derivation for the MAC key.
 *
 * Algorithms — the same as `openssl pkcs12 -export` in OpenSSL 3 by default:
 *   key bag and certificate bag: PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, 16-byte salt) with AES-256-CBC;
 *   integrity: HMAC-SHA256 MAC, key from the PKCS#12 KDF with SHA-256, 2048 iterations.
 * OpenSSL 3 reads this without the legacy provider, and Windows imports it from Windows 10
 * 1709 / Server 2019 on (older Windows only knows 3DES/RC2 with SHA-1 — a weak, legacy format
 * we do not produce). Passwords are UTF-8 for PBKDF2 and BMPString for the MAC, as OpenSSL does.
 *
 * Errors: `Pkcs12Error` — reason `invalid_input` (empty password, unreadable key or certificate)
 * or `key_mismatch` (the private key does not belong to the certificate). Messages never
 * contain the password or key material.
 */
import { createCipheriv, createHash, createHmac, createPrivateKey, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { OID, algorithmIdentifier, explicit, implicitPrimitive, integer, octetString, oid, sequence, setOf, tlv } from './der';
import { KeyError, publicKeyFingerprint } from './keys';
import { PemError, describeCertificate, splitPemBlocks } from './pem';

/** OpenSSL 3's default (PKCS12_DEFAULT_ITER); Windows imports take longer with much higher counts. */
export const PKCS12_ITERATIONS = 2048;

export class Pkcs12Error extends Error {
  constructor(
    readonly reason: 'invalid_input' | 'key_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'Pkcs12Error';
  }
}

export interface BuildPkcs12Input {
  privateKeyPem: string;
  certificatePem: string;
  /** Intermediates (and optionally the root), in order; blocks equal to the leaf are skipped. */
  chainPems?: string[];
  password: string;
  /** Shown by Windows' certificate manager and IIS; default: the certificate's common name. */
  friendlyName?: string;
}

export function buildPkcs12(input: BuildPkcs12Input): Buffer {
  if (input.password.length === 0) throw new Pkcs12Error('invalid_input', 'A PFX password is required.');
  let key: KeyObject;
  let leafDer: Buffer;
  let chainDers: Buffer[];
  let friendlyName: string;
  try {
    key = createPrivateKey(input.privateKeyPem);
    const [leaf] = splitPemBlocks(input.certificatePem, 'CERTIFICATE');
    if (!leaf) throw new PemError('The certificate PEM holds no -----BEGIN CERTIFICATE----- block.');
    leafDer = leaf.der;
    chainDers = (input.chainPems ?? []).flatMap((pem) => splitPemBlocks(pem, 'CERTIFICATE').map((b) => b.der)).filter((der) => !der.equals(leafDer));
    friendlyName = input.friendlyName ?? describeCertificate(leaf.pem).subjectCommonName;
    if (publicKeyFingerprint(key) !== publicKeyFingerprint(leaf.pem)) {
      throw new Pkcs12Error('key_mismatch', 'The private key does not belong to the certificate.');
    }
  } catch (err) {
    if (err instanceof Pkcs12Error) throw err;
    if (err instanceof PemError || err instanceof KeyError) throw new Pkcs12Error('invalid_input', err.message);
    throw new Pkcs12Error('invalid_input', 'The private key could not be read.');
  }

  // friendlyName + localKeyId tie the key bag to the leaf's bag (Windows pairs them this way).
  const localKeyId = createHash('sha1').update(leafDer).digest();
  const leafAttributes = setOf([
    ...(friendlyName ? [sequence(oid(OID.friendlyName), setOf([tlv(0x1e, bmpString(friendlyName))]))] : []),
    sequence(oid(OID.localKeyId), setOf([octetString(localKeyId)])),
  ]);

  // pkcs8ShroudedKeyBag: EncryptedPrivateKeyInfo { PBES2 AlgorithmIdentifier, encrypted PKCS#8 }
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const shrouded = pbes2Encrypt(pkcs8, input.password);
  const keyBag = sequence(oid(OID.pkcs8ShroudedKeyBag), explicit(0, sequence(shrouded.algorithm, octetString(shrouded.ciphertext))), leafAttributes);

  const certBag = (der: Buffer, attributes?: Buffer) =>
    sequence(oid(OID.certBag), explicit(0, sequence(oid(OID.x509Certificate), explicit(0, octetString(der)))), ...(attributes ? [attributes] : []));
  const certContents = sequence(certBag(leafDer, leafAttributes), ...chainDers.map((der) => certBag(der)));

  // Certificates go in an EncryptedData ContentInfo, the key in a plain data one (it is
  // already shrouded) — the layout OpenSSL and Windows both write.
  const encryptedCerts = pbes2Encrypt(certContents, input.password);
  const certsInfo = sequence(
    oid(OID.encryptedData),
    explicit(0, sequence(integer(0), sequence(oid(OID.data), encryptedCerts.algorithm, implicitPrimitive(0, encryptedCerts.ciphertext)))),
  );
  const keyInfo = sequence(oid(OID.data), explicit(0, octetString(sequence(keyBag))));
  const authenticatedSafe = sequence(certsInfo, keyInfo);

  const macSalt = randomBytes(8);
  const macKey = Buffer.from(
    forge.pkcs12.generateKey(input.password, forge.util.createBuffer(macSalt.toString('binary')), 3, PKCS12_ITERATIONS, 32, forge.md.sha256.create()).getBytes(),
    'binary',
  );
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
  const macData = sequence(sequence(algorithmIdentifier(OID.sha256, 'null'), octetString(mac)), octetString(macSalt), integer(PKCS12_ITERATIONS));

  return sequence(integer(3), sequence(oid(OID.data), explicit(0, octetString(authenticatedSafe))), macData);
}

/** PBES2 (RFC 8018): PBKDF2-HMAC-SHA256 → AES-256-CBC with PKCS#7 padding. */
function pbes2Encrypt(plaintext: Buffer, password: string): { algorithm: Buffer; ciphertext: Buffer } {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, PKCS12_ITERATIONS, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const pbkdf2Params = sequence(octetString(salt), integer(PKCS12_ITERATIONS), algorithmIdentifier(OID.hmacWithSHA256, 'null'));
  const algorithm = algorithmIdentifier(
    OID.pbes2,
    sequence(algorithmIdentifier(OID.pbkdf2, pbkdf2Params), algorithmIdentifier(OID.aes256Cbc, octetString(iv))),
  );
  return { algorithm, ciphertext };
}

/** BMPString content: UTF-16 big-endian. */
function bmpString(value: string): Buffer {
  return Buffer.from(value, 'utf16le').swap16();
}
