/**
 * The supplier contract (DESIGN §6). The order service is its only caller; adapters
 * translate between this shape and one CA reseller's wire protocol and decide nothing.
 * Every method may throw SupplierError (see errors.ts); nothing else is expected.
 */
export type DcvMethod = 'email' | 'dns_txt' | 'dns_cname' | 'http' | 'https';
export type ValidationLevel = 'DV' | 'OV' | 'EV';

export interface Money {
  amount: string; // decimal string, e.g. "12.50"
  currency: string; // ISO 4217
}

export interface SupplierProduct {
  id: string;
  name: string;
  brand: string;
  validation: ValidationLevel;
  wildcard: boolean;
  /** Names included in the base price, the common name counted. */
  includedDomains: number;
  /** Most names one certificate may carry (1 for single-domain products). */
  maxDomains: number;
  dcvMethods: DcvMethod[];
  /** Cost per term. */
  prices: { months: number; cost: Money }[];
  /** Cost of each name beyond includedDomains, per term. */
  extraDomainPrices?: { months: number; cost: Money }[];
}

export interface Contact {
  firstName: string;
  lastName: string;
  organization?: string;
  jobTitle?: string;
  email: string;
  phone: string;
  address1: string;
  address2?: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
}

export interface DcvChoice {
  domain: string;
  method: DcvMethod;
  email?: string;
}

export interface OrderRequest {
  /** Stable per certbridge order: a supplier seeing it twice must not create two orders. */
  idempotencyKey: string;
  productId: string;
  months: number;
  csrPem: string;
  commonName: string;
  dnsNames: string[];
  dcv: DcvChoice[];
  admin: Contact;
}

export type NormalizedStatus =
  | 'pending_validation'
  | 'processing'
  | 'issued'
  | 'rejected'
  | 'cancelled'
  | 'revoked'
  | 'expired'
  | 'unknown';

export interface DcvInstruction {
  domain: string;
  method: DcvMethod;
  status: 'pending' | 'valid' | 'failed';
  email?: string;
  dns?: { host: string; type: 'TXT' | 'CNAME'; value: string };
  http?: { url: string; fileName: string; content: string };
}

export interface OrderState {
  supplierOrderId: string;
  status: NormalizedStatus;
  rawStatus: string;
  certificatePem?: string;
  chainPems?: string[];
  dcv: DcvInstruction[];
  message?: string;
}

export interface Capabilities {
  reissue: boolean;
  renew: boolean;
  cancel: boolean;
  revoke: boolean;
  resendValidation: boolean;
  changeValidation: boolean;
  balance: boolean;
}

export interface ReissueRequest {
  csrPem: string;
  commonName: string;
  dnsNames: string[];
  dcv: DcvChoice[];
}

/**
 * The required core, then optional capabilities. An optional method exists exactly when
 * the matching `capabilities` flag is true, so the UI hides what a supplier cannot do.
 */
export interface Supplier {
  readonly code: string;
  readonly displayName: string;
  readonly capabilities: Capabilities;
  listProducts(): Promise<SupplierProduct[]>;
  approverEmails(productId: string, domain: string): Promise<string[]>;
  /** Must be safe to call again with the same idempotencyKey: never a second order. */
  placeOrder(request: OrderRequest): Promise<OrderState>;
  getOrder(supplierOrderId: string): Promise<OrderState>;
  checkConnection(): Promise<{ detail: string }>;
  cancel?(supplierOrderId: string, reason: string): Promise<void>;
  revoke?(supplierOrderId: string, reason: string): Promise<void>;
  /** A renewal may get a new supplier id: the returned state carries it. */
  renew?(supplierOrderId: string, request: OrderRequest): Promise<OrderState>;
  reissue?(supplierOrderId: string, request: ReissueRequest): Promise<OrderState>;
  resendValidation?(supplierOrderId: string, domain?: string): Promise<void>;
  changeValidation?(supplierOrderId: string, dcv: DcvChoice[]): Promise<OrderState>;
  balance?(): Promise<Money>;
}

/** The five local parts CAs accept for e-mail validation of any domain. */
export const GENERIC_APPROVER_LOCAL_PARTS = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'] as const;

/** Approver addresses for a name: wildcard label dropped, then the generic five. */
export function genericApproverEmails(domain: string): string[] {
  const base = domain.toLowerCase().replace(/^\*\./, '').replace(/^www\./, '');
  return GENERIC_APPROVER_LOCAL_PARTS.map((l) => `${l}@${base}`);
}
