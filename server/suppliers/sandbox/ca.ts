/**
 * The sandbox supplier's embedded certificate authority: a root, a DV intermediate, and leaf
 * certificates that `openssl verify` accepts against that root. Pure — no database, no I/O;
 * ca-store.ts persists the material (keys sealed) and the sandbox adapter calls issueLeafCertificate.
 *
 * Errors: createSandboxCa only fails if key generation does. issueLeafCertificate throws
 * CsrError (crypto/csr.ts) for an unusable CSR, NameError for a name that cannot go into a
 * certificate, and RangeError for no names or a non-positive lifetime.
 */
import { maxLifetimeDays } from '../../certificates/lifetime';
import { parseCsr } from '../../crypto/csr';
import { encodeDistinguishedName, normalizeDnsName } from '../../crypto/dn';
import { generatePrivateKey, spkiOf } from '../../crypto/keys';
import { pemToDer, readTbsCertificate } from '../../crypto/pem';
import { issuerPartsOf, signCertificate, type KeyUsage } from '../../crypto/x509-builder';

export interface CaKeyPair {
  certificatePem: string;
  privateKeyPem: string;
}

export interface SandboxCaMaterial {
  root: CaKeyPair;
  intermediate: CaKeyPair;
}

export interface IssueLeafInput {
  csrPem: string;
  /** The certificate's names; the first becomes the common name. */
  dnsNames: string[];
  issuedAt: Date;
  /** Wanted validity; capped by the SC-081 maximum for `issuedAt`. Default: the maximum. */
  lifetimeDays?: number;
  /** For OV-style products; DV leaves carry no organization. */
  organization?: string;
}

const ORGANIZATION = 'certbridge sandbox';
const DAY_MS = 86_400_000;
/** Leaves start a minute before issuance so a client with a slightly slow clock accepts them. */
const LEAF_CLOCK_SKEW_MS = 60_000;
/** CA certificates are back-dated an hour for the same reason. */
const CA_CLOCK_SKEW_MS = 3_600_000;

function plusYears(date: Date, years: number): Date {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

const wholeSeconds = (t: number) => new Date(Math.floor(t / 1000) * 1000);

/**
 * A new root (ECDSA P-384, self-signed, 20 years) and intermediate (RSA 2048, pathLen 0,
 * 10 years). The root is EC because generating it is instant; the intermediate is RSA so
 * that both key families are exercised along every chain.
 */
export async function createSandboxCa(opts: { name?: string; now?: Date } = {}): Promise<SandboxCaMaterial> {
  const name = opts.name ?? 'certbridge Sandbox';
  const start = wholeSeconds((opts.now ?? new Date()).getTime() - CA_CLOCK_SKEW_MS);
  const [rootKey, intermediateKey] = await Promise.all([
    generatePrivateKey({ type: 'ec', curve: 'P-384' }),
    generatePrivateKey({ type: 'rsa', bits: 2048 }),
  ]);
  const caUsage: KeyUsage[] = ['digitalSignature', 'keyCertSign', 'cRLSign'];

  const rootDn = encodeDistinguishedName({ commonName: `${name} Root CA`, organization: ORGANIZATION });
  const rootSpki = spkiOf(rootKey);
  const rootPem = signCertificate({
    subjectPublicKeyDer: rootSpki,
    subjectDn: rootDn,
    issuerDn: rootDn,
    issuerPrivateKeyPem: rootKey,
    issuerPublicKeyDer: rootSpki,
    notBefore: start,
    notAfter: plusYears(start, 20),
    isCa: true,
    keyUsage: caUsage,
  });

  const intermediatePem = signCertificate({
    subjectPublicKeyDer: spkiOf(intermediateKey),
    subjectDn: { commonName: `${name} DV CA`, organization: ORGANIZATION },
    ...issuerPartsOf(rootPem),
    issuerPrivateKeyPem: rootKey,
    notBefore: start,
    notAfter: plusYears(start, 10),
    isCa: true,
    pathLen: 0,
    keyUsage: caUsage,
    // CA/B Baseline Requirements §7.1.2.2: subordinate CAs carry the EKUs they issue for.
    extKeyUsage: ['serverAuth', 'clientAuth'],
  });

  return {
    root: { certificatePem: rootPem, privateKeyPem: rootKey },
    intermediate: { certificatePem: intermediatePem, privateKeyPem: intermediateKey },
  };
}

/**
 * A leaf certificate for the CSR's key, signed by the intermediate. Validity runs from one
 * minute before `issuedAt` for min(lifetimeDays, SC-081 maximum) days counted inclusively (so
 * notAfter − notBefore = days − 1 s), and never past the intermediate's own expiry.
 */
export function issueLeafCertificate(ca: SandboxCaMaterial, input: IssueLeafInput): string {
  const csr = parseCsr(input.csrPem);
  const dnsNames = [...new Set(input.dnsNames.map(normalizeDnsName))];
  if (dnsNames.length === 0) throw new RangeError('a certificate needs at least one DNS name');
  const cap = maxLifetimeDays(input.issuedAt);
  const wanted = input.lifetimeDays ?? cap;
  if (!Number.isInteger(wanted) || wanted < 1) throw new RangeError(`lifetimeDays must be a positive whole number, not ${wanted}`);
  const days = Math.min(wanted, cap);

  const notBefore = wholeSeconds(input.issuedAt.getTime() - LEAF_CLOCK_SKEW_MS);
  const intermediateExpiry = readTbsCertificate(pemToDer(ca.intermediate.certificatePem, 'CERTIFICATE')).notAfter;
  const notAfter = new Date(Math.min(notBefore.getTime() + days * DAY_MS - 1000, intermediateExpiry.getTime()));

  // A CN holds at most 64 characters; longer names stay in the SAN only (then made critical).
  const commonName = dnsNames[0].length <= 64 ? dnsNames[0] : undefined;
  return signCertificate({
    subjectPublicKeyDer: spkiOf(input.csrPem),
    subjectDn: { commonName, organization: input.organization },
    ...issuerPartsOf(ca.intermediate.certificatePem),
    issuerPrivateKeyPem: ca.intermediate.privateKeyPem,
    notBefore,
    notAfter,
    isCa: false,
    // keyEncipherment only means something for RSA key transport (TLS 1.2 RSA kex).
    keyUsage: csr.key.type === 'rsa' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'],
    extKeyUsage: ['serverAuth'],
    dnsNames,
  });
}
