/**
 * What a CSR must satisfy for a given product and service before anything is written.
 * Pure: the configure step calls it and turns each failure into a message naming the
 * field. Keys under 2048 bits are refused outright (CAs reject them anyway, later and
 * less clearly).
 */
import type { ParsedCsr } from '../crypto/csr';
import type { SupplierProduct } from '../suppliers/supplier';
import { AppError } from '../http/errors';

export interface CsrPolicyInput {
  csr: ParsedCsr;
  product: SupplierProduct;
  /** The domain the client ordered (tblhosting.domain); may be empty. */
  orderedDomain: string;
  requireDomainMatch: boolean;
  /** Extra names the client typed beside the CSR (multi-domain products). */
  extraNames: string[];
}

const HOSTNAME = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Returns the certificate's names, common name first; throws AppError naming the field. */
export function checkCsr(input: CsrPolicyInput): string[] {
  const { csr, product } = input;
  if (csr.key.type === 'rsa' && csr.key.bits < 2048) {
    throw new AppError('invalid_request', `The CSR's RSA key has ${csr.key.bits} bits; at least 2048 bits are required. Generate a new key and CSR.`, 'csr');
  }
  if (csr.key.type === 'ec' && !['P-256', 'P-384'].includes(csr.key.curve ?? '')) {
    throw new AppError('invalid_request', `The CSR's ECDSA curve ${csr.key.curve ?? '(unknown)'} is not accepted; use P-256 or P-384.`, 'csr');
  }
  const cn = normaliseName(csr.commonName ?? '');
  if (!cn) throw new AppError('invalid_request', 'The CSR has no common name (CN); it must name the domain the certificate is for.', 'csr');
  const names = [cn, ...csr.dnsNames.map(normaliseName), ...input.extraNames.map(normaliseName)].filter(Boolean);
  const unique = [...new Set(names)];
  for (const n of unique) {
    if (!HOSTNAME.test(n)) throw new AppError('invalid_request', `"${n}" is not a valid domain name for a certificate.`, n === cn ? 'csr' : 'fields[sans]');
    if (n.startsWith('*.') && !product.wildcard) {
      throw new AppError('invalid_request', `The CSR asks for the wildcard name ${n}, but ${product.name} is not a wildcard certificate. Use a CSR for a single name such as ${n.slice(2)}.`, 'csr');
    }
  }
  if (product.wildcard && !cn.startsWith('*.')) {
    throw new AppError('invalid_request', `${product.name} is a wildcard certificate: the CSR's common name must start with "*." (for example *.${cn.replace(/^www\./, '')}).`, 'csr');
  }
  const ordered = normaliseName(input.orderedDomain);
  if (input.requireDomainMatch && ordered && cn !== ordered) {
    throw new AppError('invalid_request', `The CSR is for ${cn}, but this certificate was ordered for ${ordered}. Create the CSR for ${ordered}, or ask us to change the ordered domain.`, 'csr');
  }
  if (unique.length > product.maxDomains) {
    throw new AppError('invalid_request', `The certificate would cover ${unique.length} names but ${product.name} allows at most ${product.maxDomains}.`, unique.length > 1 + input.extraNames.length ? 'csr' : 'fields[sans]');
  }
  return unique;
}
