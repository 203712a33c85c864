/**
 * The tblproducts.description certbridge writes for a newly imported product, built from the
 * catalogue facts (suppliers give no marketing text). Plain text: WHMCS shows it on the order
 * form. Called by preview.ts.
 */
import type { StoredProduct } from './catalogue-store';

const LEVEL = { DV: 'Domain-validated (DV)', OV: 'Organisation-validated (OV)', EV: 'Extended-validation (EV)' } as const;
const METHOD: Record<string, string> = { email: 'e-mail', dns_txt: 'DNS', dns_cname: 'DNS', http: 'HTTP', https: 'HTTPS' };

export function describeProduct(p: StoredProduct): string {
  const parts = [`${LEVEL[p.validation] ?? p.validation} ${p.wildcard ? 'wildcard ' : ''}certificate from ${p.brand}.`];
  if (p.maxDomains > p.includedDomains) {
    parts.push(`Includes ${p.includedDomains} domain name${p.includedDomains === 1 ? '' : 's'}; up to ${p.maxDomains} with additional domains.`);
  } else if (p.includedDomains === 2 && p.maxDomains === 2) {
    parts.push(p.wildcard ? 'Covers *.domain and the domain itself.' : 'Covers the domain and its www. name.');
  } else {
    parts.push(`Covers up to ${p.maxDomains} domain name${p.maxDomains === 1 ? '' : 's'}.`);
  }
  const methods = [...new Set(p.dcvMethods.map((m) => METHOD[m] ?? m))];
  if (methods.length) parts.push(`Domain validation by ${methods.join(', ')}.`);
  return parts.join(' ');
}
