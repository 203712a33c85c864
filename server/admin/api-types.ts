/**
 * The admin app's JSON API contract, shared by the server (server/admin/) and the Vue app
 * (admin-ui/src/api/). Every route lives under /admin/api/ and needs `Authorization: Bearer
 * <session token>` except POST /admin/api/session. Errors use the server's one shape:
 * { error: { code, message, field? } } with 401 for a missing/expired/unknown token.
 *
 * Sign-in: the WHMCS addon page (_output, PHP) calls the signed hook
 * POST /whmcs/v1/hooks/AdminSession with context.adminId and gets a short-lived, single-use
 * login token (60 s); it embeds the app with that token; the app exchanges it at
 * POST /admin/api/session for a session token it keeps in memory only (no cookies → no CSRF).
 */

// ---- session -------------------------------------------------------------------------
export interface AdminLoginTokenResult {
  token: string;
  expiresAt: string; // ISO
}
export interface SessionRequest {
  token: string;
}
export interface SessionResponse {
  sessionToken: string;
  adminId: number;
  expiresAt: string; // ISO; sessions last 8 h
}

// ---- reference data ------------------------------------------------------------------
export interface SupplierInfo {
  code: string;
  displayName: string;
  configured: boolean; // usable now (built-in or enabled with credentials)
  mode: 'live' | 'test' | 'builtin';
  testSystem: { available: boolean; note: string };
  capabilities: Record<string, boolean>;
}
export interface CurrencyInfo {
  id: number;
  code: string;
  prefix: string;
  suffix: string;
  rate: string; // decimal string, vs the default currency
  isDefault: boolean;
}
export interface ProductGroupInfo {
  id: number;
  name: string;
  productCount: number;
}
/** Added (backward compatible): GET /admin/api/products, the products certbridge imported (for re-price). */
export interface ImportedProductInfo {
  pid: number;
  name: string;
  groupId: number;
  groupName: string;
  supplier: string; // configoption1
  productId: string; // configoption2
  hidden: boolean;
  retired: boolean;
}

// ---- catalogue -----------------------------------------------------------------------
export interface CatalogueProduct {
  supplier: string;
  id: string; // supplier's product id
  name: string;
  brand: string;
  validation: 'DV' | 'OV' | 'EV';
  wildcard: boolean;
  includedDomains: number;
  maxDomains: number;
  dcvMethods: string[];
  prices: { months: number; cost: string; currency: string }[];
  extraDomainPrices: { months: number; cost: string; currency: string }[];
  /** tblproducts.id when this product is already imported into WHMCS. */
  importedAs: number | null;
}
export interface CatalogueLoadRequest {
  supplier: string;
  /** true: ask the supplier now; false: use the copy cached in MySQL when there is one. */
  refresh: boolean;
}
export interface CatalogueLoadResponse {
  supplier: string;
  loadedAt: string; // ISO time the supplier was asked
  products: CatalogueProduct[];
}

// ---- pricing -------------------------------------------------------------------------
export type Rounding = 'none' | '.00' | '.49' | '.50' | '.95' | '.99' | 'whole';
export interface Margin {
  kind: 'percent' | 'fixed';
  /** Decimal string: percent (e.g. "35") or an amount in the default currency (e.g. "10.00"). */
  value: string;
}
export interface PricingRules {
  margin: Margin;
  /** Per product "supplier:id" → margin that replaces the default. */
  overrides: Record<string, Margin>;
  /** Minimum profit per year in the default currency, decimal string ("0" = none). */
  minimumProfit: string;
  rounding: Rounding;
  /** Added to the exchange rate when converting cost into other currencies, percent. */
  currencyBufferPercent: string;
}
export interface GroupChoice {
  existingId?: number;
  newName?: string;
}
export interface ImportRequest {
  products: { supplier: string; id: string }[];
  rules: PricingRules;
  group: GroupChoice;
}
export interface PriceRow {
  key: string; // "supplier:id"
  name: string;
  months: number; // 12 | 24 | 36
  currency: string; // ISO code of the WHMCS currency
  cost: string; // converted into this currency
  currentSell: string | null; // today's WHMCS price, null if new
  newSell: string;
  profit: string;
  loss: boolean; // newSell < cost
  /**
   * Added (optional, backward compatible): 'extraDomain' rows price one additional domain
   * (the SAN configurable option) and share `key` with their certificate's rows; absent or
   * 'certificate' = the certificate itself.
   */
  item?: 'certificate' | 'extraDomain';
}
export interface PreviewResponse {
  rows: PriceRow[];
  lossCount: number;
  newProducts: number;
  updatedProducts: number;
  /** Problems that block apply, each naming its field (e.g. a currency with rate 0). */
  problems: { field: string; message: string }[];
}
export interface ApplyRequest extends ImportRequest {
  /** Must be true when the preview had loss rows. */
  acknowledgeLoss: boolean;
}
export interface ApplyResponse {
  created: number;
  updated: number;
  groupId: number;
  products: { pid: number; name: string; adminUrl: string }[];
}
/**
 * Apply with progress: send `Accept: application/x-ndjson` to POST …/apply and the answer is
 * one JSON object per line — `{"progress": ApplyProgress}` while the single transaction runs,
 * then `{"result": ApplyResponse}` once it is committed, or `{"error": {code, message, field?}}`
 * if it was rolled back (nothing applied). Errors found before any work starts (validation,
 * another apply running) come back as an ordinary error reply with its HTTP status.
 */
export interface ApplyProgress {
  done: number;
  total: number;
  phase: string;
}
export type ApplyStreamLine = { progress: ApplyProgress } | { result: ApplyResponse } | { error: { code: string; message: string; field?: string } };

export interface RepriceRequest {
  /** tblproducts ids of products imported by certbridge. */
  pids: number[];
  rules: PricingRules;
}
export interface RepriceApplyRequest extends RepriceRequest {
  acknowledgeLoss: boolean;
}

// ---- orders --------------------------------------------------------------------------
export interface OrderListItem {
  id: number;
  serviceId: number;
  clientId: number;
  clientName: string;
  domain: string | null;
  supplier: string;
  product: string;
  state: string;
  stateLabel: string;
  validTo: string | null;
  updatedAt: string;
}
export interface OrderListResponse {
  orders: OrderListItem[];
  total: number;
}
export interface OrderDetail extends OrderListItem {
  supplierOrderId: string | null;
  kind: string;
  dnsNames: string[];
  validationMethod: string | null;
  lastError: string | null;
  events: { at: string; actor: string; from: string | null; to: string; reason: string; message: string }[];
}

// ---- supplier settings ---------------------------------------------------------------
/** One supplier on the settings page. Credential values are never sent: only whether each is set. */
export interface SupplierSettingsView {
  code: string;
  displayName: string;
  testSystem: { available: boolean; note: string };
  capabilities: Record<string, boolean>;
  credentialFields: { key: string; label: string; secret: boolean; required: boolean; help?: string; isSet: boolean }[];
  configured: boolean;
  enabled: boolean;
  mode: 'live' | 'test';
  baseUrl: string | null;
  maxConcurrency: number | null;
}
/** PUT /admin/api/supplier-settings/:code — only the fields given change; "" clears a credential. */
export interface SupplierSettingsInput {
  enabled?: boolean;
  mode?: 'live' | 'test';
  credentials?: Record<string, string>;
  baseUrl?: string | null;
  maxConcurrency?: number | null;
}
export interface SupplierSettingsSaved {
  settings: SupplierSettingsView;
  connection: { ok: boolean; message: string };
}
