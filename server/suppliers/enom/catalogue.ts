/**
 * Enom's SSL products as a static table: Enom has no "list SSL products" call for resellers,
 * and each product has two identifiers — the numeric ProdType (lists, pricing, cert rows) and
 * the cart ProductType string (AddToCart). Facts from Enom's AddToCart / CertGetCerts /
 * CertPurchaseCert documentation (suppliers.md §2.3–2.4).
 *
 * Called by the adapter (catalogue, order validation, purchase parameters) and by the fake.
 * Nothing here throws.
 *
 * Left out on purpose: Comodo UCC DV/OV (270, 274) — the per-name price of their extra
 * domains is not available through PE_GetProductPrice; Symantec Encryption Everywhere (286) —
 * it is configured with File/DNS only and Enom may generate the private key itself, which
 * certbridge never accepts.
 */
import type { DcvMethod, ValidationLevel } from '../supplier';

export type EnomFamily = 'geotrust' | 'comodo';

export interface EnomProduct {
  /** Enom's numeric ProdType; also our SupplierProduct id (as a string). */
  prodType: number;
  /** AddToCart ProductType. */
  cartType: string;
  name: string;
  brand: string;
  validation: ValidationLevel;
  wildcard: boolean;
  /** Longest term Enom sells (AddToCart Quantity maximum). */
  maxYears: number;
  /**
   * GeoTrust/RapidSSL/Symantec and Comodo use different WebServerType tables and Comodo
   * purchases need the CSR* organisation fields; reissue through the API is GeoTrust-family only.
   */
  family: EnomFamily;
  dcvMethods: DcvMethod[];
}

// DVAuthMethod File/DNS exist only for RapidSSL, QuickSSL and QuickSSL Premium (CertPurchaseCert).
const EMAIL_DNS_FILE: DcvMethod[] = ['email', 'dns_txt', 'http'];
const EMAIL: DcvMethod[] = ['email'];

export const ENOM_PRODUCTS: EnomProduct[] = [
  { prodType: 23, cartType: 'Certificate-RapidSSL-RapidSSL', name: 'RapidSSL', brand: 'RapidSSL', validation: 'DV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL_DNS_FILE },
  { prodType: 285, cartType: 'Certificate-RapidSSL-RapidSSL-Wildcard', name: 'RapidSSL Wildcard', brand: 'RapidSSL', validation: 'DV', wildcard: true, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 26, cartType: 'Certificate-GeoTrust-QuickSSL', name: 'GeoTrust QuickSSL', brand: 'GeoTrust', validation: 'DV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL_DNS_FILE },
  { prodType: 20, cartType: 'Certificate-GeoTrust-QuickSSL-Premium', name: 'GeoTrust QuickSSL Premium', brand: 'GeoTrust', validation: 'DV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL_DNS_FILE },
  { prodType: 21, cartType: 'Certificate-GeoTrust-TrueBizID', name: 'GeoTrust True BusinessID', brand: 'GeoTrust', validation: 'OV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 27, cartType: 'Certificate-GeoTrust-TrueBizID-Wildcard', name: 'GeoTrust True BusinessID Wildcard', brand: 'GeoTrust', validation: 'OV', wildcard: true, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 24, cartType: 'Certificate-GeoTrust-TrueBizID-EV', name: 'GeoTrust True BusinessID EV', brand: 'GeoTrust', validation: 'EV', wildcard: false, maxYears: 2, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 180, cartType: 'Certificate-VeriSign-Secure-Site', name: 'Symantec Secure Site', brand: 'Symantec', validation: 'OV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 181, cartType: 'Certificate-VeriSign-Secure-Site-Pro', name: 'Symantec Secure Site Pro', brand: 'Symantec', validation: 'OV', wildcard: false, maxYears: 3, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 182, cartType: 'Certificate-VeriSign-Secure-Site-EV', name: 'Symantec Secure Site EV', brand: 'Symantec', validation: 'EV', wildcard: false, maxYears: 2, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 183, cartType: 'Certificate-VeriSign-Secure-Site-Pro-EV', name: 'Symantec Secure Site Pro EV', brand: 'Symantec', validation: 'EV', wildcard: false, maxYears: 2, family: 'geotrust', dcvMethods: EMAIL },
  { prodType: 211, cartType: 'Certificate-Comodo-Essential', name: 'Comodo Essential SSL', brand: 'Comodo', validation: 'DV', wildcard: false, maxYears: 3, family: 'comodo', dcvMethods: EMAIL },
  { prodType: 214, cartType: 'Certificate-Comodo-Essential-Wildcard', name: 'Comodo Essential Wildcard', brand: 'Comodo', validation: 'DV', wildcard: true, maxYears: 3, family: 'comodo', dcvMethods: EMAIL },
  { prodType: 212, cartType: 'Certificate-Comodo-Instant', name: 'Comodo InstantSSL', brand: 'Comodo', validation: 'OV', wildcard: false, maxYears: 3, family: 'comodo', dcvMethods: EMAIL },
  { prodType: 213, cartType: 'Certificate-Comodo-Premium-Wildcard', name: 'Comodo Premium Wildcard', brand: 'Comodo', validation: 'OV', wildcard: true, maxYears: 3, family: 'comodo', dcvMethods: EMAIL },
  { prodType: 221, cartType: 'Certificate-Comodo-EV', name: 'Comodo EV SSL', brand: 'Comodo', validation: 'EV', wildcard: false, maxYears: 2, family: 'comodo', dcvMethods: EMAIL },
  { prodType: 222, cartType: 'Certificate-Comodo-EV-SGC', name: 'Comodo EV SGC SSL', brand: 'Comodo', validation: 'EV', wildcard: false, maxYears: 2, family: 'comodo', dcvMethods: EMAIL },
];

export function enomProduct(id: string | number): EnomProduct | undefined {
  return ENOM_PRODUCTS.find((p) => String(p.prodType) === String(id).trim());
}

/**
 * The PE_GetProductPrice `Years` bracket a term falls in (Enom prices certificates for 1, 2,
 * 5 and 10 years; a 3-year term is charged at the 2-year bracket's yearly price) [I].
 */
export function priceBracket(years: number): 1 | 2 | 5 | 10 {
  if (years >= 10) return 10;
  if (years >= 5) return 5;
  if (years >= 2) return 2;
  return 1;
}

/**
 * WebServerType sent with CertConfigureCert: "Other" in each family's table. certbridge does
 * not know the client's server, and the value only selects the format of the fulfilment e-mail.
 */
export function webServerTypeFor(p: EnomProduct): number {
  return p.family === 'comodo' ? 1000 : 18;
}
