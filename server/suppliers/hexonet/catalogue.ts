/**
 * What HEXONET sells, as static facts: HEXONET has no "list SSL products" command, so the
 * product id is the SSLCERTCLASS string and everything but the price comes from this table
 * (suppliers.md §1.4; names, brands and SAN counts after the vendor's WHMCS module catalogue).
 * The adapter lists a class only when the account has a price relation for it.
 *
 * DCV methods follow §1.4: DNS and file validation for the DV classes except
 * COMODO_PREMIUMSSL* and Trustwave; e-mail only for everything else. Sectigo (COMODO_*) asks
 * for a CNAME record, the DigiCert brands (GeoTrust, RapidSSL, thawte) for a TXT record.
 * Name counts are what the annual price covers as far as the module's catalogue says [I];
 * HEXONET publishes no per-SAN price, so no extra names are sold.
 */
import type { DcvMethod, ValidationLevel } from '../supplier';

export interface HexonetClass {
  id: string;
  name: string;
  brand: string;
  validation: ValidationLevel;
  wildcard: boolean;
  maxDomains: number;
  dcvMethods: DcvMethod[];
}

type Row = [id: string, name: string, validation: ValidationLevel, wildcard: boolean, maxDomains: number, dnsAndFile: boolean];

const ROWS: Row[] = [
  ['COMODO_ESSENTIALSSL', 'EssentialSSL', 'DV', false, 1, true],
  ['COMODO_ESSENTIALSSL_WILDCARD', 'EssentialSSL Wildcard', 'DV', true, 1, true],
  ['COMODO_POSITIVESSL', 'PositiveSSL', 'DV', false, 1, true],
  ['COMODO_SSL', 'DV SSL', 'DV', false, 1, true],
  ['COMODO_SSL_WILDCARD', 'DV SSL Wildcard', 'DV', true, 1, true],
  ['COMODO_PREMIUMSSL', 'PremiumSSL', 'DV', false, 1, false],
  ['COMODO_PREMIUMSSL_WILDCARD', 'PremiumSSL Wildcard', 'DV', true, 1, false],
  ['COMODO_INSTANTSSL', 'InstantSSL', 'OV', false, 1, false],
  ['COMODO_INSTANTSSL_PREMIUM', 'InstantSSL Premium', 'OV', false, 1, false],
  ['COMODO_INSTANTSSL_PRO', 'InstantSSL Pro', 'OV', false, 1, false],
  ['COMODO_SSL_EV', 'EV SSL', 'EV', false, 1, false],
  ['COMODO_UCC', 'UCC SSL', 'OV', false, 24, false],
  ['GEOTRUST_QUICKSSL', 'QuickSSL', 'DV', false, 1, true],
  ['GEOTRUST_QUICKSSLPREMIUM', 'QuickSSL Premium', 'DV', false, 1, true],
  ['GEOTRUST_QUICKSSLPREMIUM_SAN', 'QuickSSL Premium SAN Package', 'DV', false, 5, true],
  ['GEOTRUST_RAPIDSSL', 'RapidSSL', 'DV', false, 1, true],
  ['GEOTRUST_RAPIDSSL_WILDCARD', 'RapidSSL Wildcard', 'DV', true, 1, true],
  ['GEOTRUST_TRUEBIZID', 'True BusinessID', 'OV', false, 1, false],
  ['GEOTRUST_TRUEBIZID_SAN', 'True BusinessID SAN Package', 'OV', false, 4, false],
  ['GEOTRUST_TRUEBIZID_EV', 'True BusinessID EV', 'EV', false, 1, false],
  ['GEOTRUST_TRUEBIZID_EV_SAN', 'True BusinessID EV SAN Package', 'EV', false, 4, false],
  ['GEOTRUST_TRUEBIZID_WILDCARD', 'True BusinessID Wildcard', 'OV', true, 1, false],
  ['SYMANTEC_SECURESITE', 'Secure Site', 'OV', false, 24, false],
  ['SYMANTEC_SECURESITE_EV', 'Secure Site EV', 'EV', false, 24, false],
  ['SYMANTEC_SECURESITE_PRO', 'Secure Site Pro', 'OV', false, 24, false],
  ['SYMANTEC_SECURESITE_PRO_EV', 'Secure Site Pro EV', 'EV', false, 24, false],
  ['THAWTE_SSL123', 'SSL123', 'DV', false, 1, true],
  ['THAWTE_SSLWEBSERVER', 'SSL Web Server', 'OV', false, 24, false],
  ['THAWTE_SSLWEBSERVER_EV', 'SSL Web Server EV', 'EV', false, 24, false],
  ['THAWTE_SSLWEBSERVER_WILDCARD', 'SSL Web Server Wildcard', 'OV', true, 1, false],
  ['TRUSTWAVE_DOMAINVETTEDSSL', 'Domain Vetted SSL', 'DV', false, 1, false],
  ['TRUSTWAVE_PREMIUMSSL', 'Premium SSL', 'OV', false, 1, false],
  ['TRUSTWAVE_PREMIUMSSL_SAN', 'Premium SSL SAN Package', 'OV', false, 5, false],
  ['TRUSTWAVE_PREMIUMSSL_EV', 'Premium SSL EV', 'EV', false, 1, false],
  ['TRUSTWAVE_PREMIUMSSL_EV_SAN', 'Premium SSL EV SAN Package', 'EV', false, 5, false],
  ['TRUSTWAVE_PREMIUMSSL_WILDCARD', 'Premium SSL Wildcard', 'OV', true, 1, false],
];

function brandOf(id: string): string {
  if (id.startsWith('COMODO_')) return 'Sectigo';
  if (id.startsWith('GEOTRUST_RAPIDSSL')) return 'RapidSSL';
  if (id.startsWith('GEOTRUST_')) return 'GeoTrust';
  if (id.startsWith('SYMANTEC_')) return 'DigiCert';
  if (id.startsWith('THAWTE_')) return 'thawte';
  return 'Trustwave';
}

function methodsOf(id: string, dnsAndFile: boolean): DcvMethod[] {
  if (!dnsAndFile) return ['email'];
  return ['email', id.startsWith('COMODO_') ? 'dns_cname' : 'dns_txt', 'http'];
}

export const HEXONET_CLASSES: ReadonlyMap<string, HexonetClass> = new Map(
  ROWS.map(([id, name, validation, wildcard, maxDomains, dnsAndFile]) => {
    const brand = brandOf(id);
    return [id, { id, name: `${brand} ${name}`, brand, validation, wildcard, maxDomains, dcvMethods: methodsOf(id, dnsAndFile) }];
  }),
);

/** Terms offered: HEXONET prices per year and orders take PERIOD in years (1 by default) [I]. */
export const TERM_YEARS = [1, 2, 3] as const;
