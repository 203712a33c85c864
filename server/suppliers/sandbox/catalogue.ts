/**
 * The sandbox CA's small catalogue: enough shapes (single, wildcard, multi-domain with
 * included and extra names; 1–3 year terms) to exercise every path offline. Costs are USD.
 */
import type { SupplierProduct } from '../supplier';

const terms = (perYear: number) => [12, 24, 36].map((months) => ({ months, cost: { amount: ((perYear * months) / 12 * (months > 12 ? 0.95 : 1)).toFixed(2), currency: 'USD' } }));

export const SANDBOX_PRODUCTS: SupplierProduct[] = [
  {
    id: 'sandbox-dv-single',
    name: 'Sandbox DV Single Domain',
    brand: 'certbridge Sandbox',
    validation: 'DV',
    wildcard: false,
    includedDomains: 2, // the name and its www. form, as most DV products include
    maxDomains: 2,
    dcvMethods: ['email', 'dns_txt', 'http'],
    prices: terms(8),
  },
  {
    id: 'sandbox-dv-wildcard',
    name: 'Sandbox DV Wildcard',
    brand: 'certbridge Sandbox',
    validation: 'DV',
    wildcard: true,
    includedDomains: 2,
    maxDomains: 2,
    dcvMethods: ['email', 'dns_txt'],
    prices: terms(60),
  },
  {
    id: 'sandbox-ov-multi',
    name: 'Sandbox OV Multi-Domain',
    brand: 'certbridge Sandbox',
    validation: 'OV',
    wildcard: false,
    includedDomains: 3,
    maxDomains: 100,
    dcvMethods: ['email', 'dns_txt', 'http'],
    prices: terms(90),
    extraDomainPrices: terms(12),
  },
];
