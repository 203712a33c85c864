/**
 * The fake Enom account's state: balance, per-product yearly prices, the shopping cart,
 * orders and certificate rows, with deterministic ids (OrderIDs from 267562001, CertIDs from
 * 726001). InsertNewOrder creates blank certificate rows (status 1), as Enom does.
 *
 * Used by the fake's command handlers and control. Nothing here throws.
 */

/**
 * Enom's SSL products as its AddToCart / CertGetCerts documentation lists them — kept apart
 * from the adapter's catalogue on purpose, so a wrong id there fails against the fake.
 */
export interface FakeProduct {
  prodType: number;
  cartType: string;
  desc: string;
  maxYears: number;
  wildcard: boolean;
  validation: 'DV' | 'OV' | 'EV';
  comodo: boolean;
}

const P = (prodType: number, cartType: string, desc: string, maxYears: number, wildcard: boolean, validation: FakeProduct['validation'], comodo = false): FakeProduct => ({
  prodType,
  cartType: `Certificate-${cartType}`,
  desc,
  maxYears,
  wildcard,
  validation,
  comodo,
});

export const FAKE_PRODUCTS: FakeProduct[] = [
  P(20, 'GeoTrust-QuickSSL-Premium', 'GeoTrust QuickSSL Premium', 3, false, 'DV'),
  P(21, 'GeoTrust-TrueBizID', 'GeoTrust True BusinessID', 3, false, 'OV'),
  P(23, 'RapidSSL-RapidSSL', 'SSL Certificate - RapidSSL', 3, false, 'DV'),
  P(24, 'GeoTrust-TrueBizID-EV', 'GeoTrust True BusinessID with EV', 2, false, 'EV'),
  P(26, 'GeoTrust-QuickSSL', 'GeoTrust QuickSSL', 3, false, 'DV'),
  P(27, 'GeoTrust-TrueBizID-Wildcard', 'GeoTrust True BusinessID Wildcard', 3, true, 'OV'),
  P(285, 'RapidSSL-RapidSSL-Wildcard', 'RapidSSL Wildcard', 3, true, 'DV'),
  P(180, 'VeriSign-Secure-Site', 'VeriSign Secure Site', 3, false, 'OV'),
  P(181, 'VeriSign-Secure-Site-Pro', 'VeriSign Secure Site Pro', 3, false, 'OV'),
  P(182, 'VeriSign-Secure-Site-EV', 'VeriSign Secure Site with EV', 2, false, 'EV'),
  P(183, 'VeriSign-Secure-Site-Pro-EV', 'VeriSign Secure Site Pro with EV', 2, false, 'EV'),
  P(211, 'Comodo-Essential', 'Comodo Essential', 3, false, 'DV', true),
  P(212, 'Comodo-Instant', 'Comodo Instant', 3, false, 'OV', true),
  P(213, 'Comodo-Premium-Wildcard', 'Comodo Premium Wildcard', 3, true, 'OV', true),
  P(214, 'Comodo-Essential-Wildcard', 'Comodo Essential Wildcard', 3, true, 'DV', true),
  P(221, 'Comodo-EV', 'Comodo EV', 2, false, 'EV', true),
  P(222, 'Comodo-EV-SGC', 'Comodo EV SGC', 2, false, 'EV', true),
  P(270, 'Comodo-UCC-DV', 'Comodo UCC DV', 3, false, 'DV', true),
  P(274, 'Comodo-UCC-OV', 'Comodo UCC OV', 3, false, 'OV', true),
];

export const fakeProduct = (prodType: number) => FAKE_PRODUCTS.find((p) => p.prodType === prodType);
export const fakeProductByCartType = (cartType: string) => FAKE_PRODUCTS.find((p) => p.cartType.toLowerCase() === cartType.toLowerCase());

export const STATUS_TEXT: Record<number, string> = {
  1: 'Awaiting Configuration',
  2: 'Processing',
  4: 'Certificate Issued',
  6: 'Rejected by Customer',
  7: 'Refunded - No Cert Issued',
  8: 'Refunded - Cert Issued',
  9: 'Approval Email Sent',
  10: 'Approved by Domain Owner',
};

export interface FakeApprover {
  type: 'Domain' | 'Generic' | 'Manual';
  email: string;
}

export interface FakeCert {
  certId: number;
  orderId: number;
  prodType: number;
  years: number;
  orderDate: Date;
  expirationDate: Date;
  configDate?: Date;
  statusId: number;
  domainName: string;
  csr?: string;
  webServerType?: string;
  /** Contact fields as sent, keyed by Enom's names (AdminFName …). */
  contacts: Record<string, string>;
  approvers: FakeApprover[];
  approverEmail: string;
  dvAuthMethod: '' | 'Email' | 'DNS' | 'File';
  fileAuthName: string;
  fileAuthContents: string;
  dnsAuthEntry: string;
  dnsAuthAddress: string;
  certificatePem?: string;
  caCertsPem?: string;
  reissueStatus: string;
  reissueCsr?: string;
  isExpired: boolean;
}

interface CartItem {
  itemId: number;
  cartType: string;
  prodType: number;
  years: number;
}

/** Yearly wholesale prices (USD) per ProdType and PE_GetProductPrice `Years` bracket. */
const DEFAULT_PRICES: Record<number, Record<number, number>> = Object.fromEntries(
  FAKE_PRODUCTS.map((p) => {
    const base = p.validation === 'EV' ? 149 : p.validation === 'OV' ? (p.wildcard ? 299 : 89) : p.wildcard ? 119 : 9.95;
    return [p.prodType, { 1: base, 2: Math.round(base * 90) / 100, 5: Math.round(base * 85) / 100, 10: Math.round(base * 80) / 100 }];
  }),
);

export class FakeEnomStore {
  balanceCents: number;
  readonly prices: Record<number, Record<number, number>> = structuredClone(DEFAULT_PRICES);
  /** ProdTypes the account may not buy (productenabled False). */
  readonly disabled = new Set<number>();
  readonly certs = new Map<number, FakeCert>();
  readonly orders = new Map<number, { orderId: number; certIds: number[]; totalCents: number }>();
  cart: CartItem[] = [];
  private nextOrder = 267562001;
  private nextCert = 726001;
  private nextItem = 1;

  constructor(balance: number) {
    this.balanceCents = Math.round(balance * 100);
  }

  yearlyPrice(prodType: number, bracket: number): number | undefined {
    return this.prices[prodType]?.[bracket];
  }

  addToCart(cartType: string, prodType: number, years: number): number {
    const itemId = this.nextItem++;
    this.cart = [{ itemId, cartType, prodType, years }];
    return itemId;
  }

  cartTotalCents(bracketOf: (years: number) => number): number {
    return this.cart.reduce((sum, i) => sum + Math.round((this.yearlyPrice(i.prodType, bracketOf(i.years)) ?? 0) * 100) * i.years, 0);
  }

  /** Buys the cart: one order, one blank certificate row per item, balance charged. */
  insertOrder(totalCents: number, now: Date): { orderId: number; certIds: number[] } {
    const orderId = this.nextOrder++;
    const certIds = this.cart.map((item) => {
      const certId = this.nextCert++;
      const expirationDate = new Date(now);
      expirationDate.setUTCFullYear(expirationDate.getUTCFullYear() + item.years);
      this.certs.set(certId, {
        certId,
        orderId,
        prodType: item.prodType,
        years: item.years,
        orderDate: now,
        expirationDate,
        statusId: 1,
        domainName: '',
        contacts: {},
        approvers: [],
        approverEmail: '',
        dvAuthMethod: '',
        fileAuthName: '',
        fileAuthContents: '',
        dnsAuthEntry: '',
        dnsAuthAddress: '',
        reissueStatus: '',
        isExpired: false,
      });
      return certId;
    });
    this.balanceCents -= totalCents;
    this.orders.set(orderId, { orderId, certIds, totalCents });
    this.cart = [];
    return { orderId, certIds };
  }
}
