/**
 * One typed function per admin API route (contract: server/admin/api-types.ts). Paths are
 * relative to /admin/api/.
 */
import type {
  ApplyRequest,
  ApplyProgress,
  ApplyResponse,
  CatalogueLoadRequest,
  CatalogueLoadResponse,
  CurrencyInfo,
  ImportedProductInfo,
  ImportRequest,
  OrderDetail,
  OrderListResponse,
  PreviewResponse,
  ProductGroupInfo,
  RepriceApplyRequest,
  RepriceRequest,
  SessionResponse,
  SupplierInfo,
  SupplierSettingsInput,
  SupplierSettingsSaved,
  SupplierSettingsView,
} from '../../../server/admin/api-types';
import { request, requestStream } from './client';

export const api = {
  /** Exchanges the addon page's single-use sign-in token for a session. */
  signIn: (token: string) => request<SessionResponse>('POST', 'session', { body: { token }, anonymous: true }),

  suppliers: () => request<SupplierInfo[]>('GET', 'suppliers'),
  currencies: () => request<CurrencyInfo[]>('GET', 'currencies'),
  productGroups: () => request<ProductGroupInfo[]>('GET', 'product-groups'),
  /** The WHMCS products certbridge imported (the re-price list). */
  importedProducts: () => request<ImportedProductInfo[]>('GET', 'products'),

  loadCatalogue: (body: CatalogueLoadRequest, signal?: AbortSignal) =>
    request<CatalogueLoadResponse>('POST', 'catalogue/load', { body, signal }),

  previewImport: (body: ImportRequest) => request<PreviewResponse>('POST', 'import/preview', { body }),
  /** One transaction on the server; progress reports its phases. */
  applyImport: (body: ApplyRequest, onProgress: (p: ApplyProgress) => void) => requestStream<ApplyResponse, ApplyProgress>('import/apply', body, onProgress),

  previewReprice: (body: RepriceRequest) => request<PreviewResponse>('POST', 'reprice/preview', { body }),
  applyReprice: (body: RepriceApplyRequest, onProgress: (p: ApplyProgress) => void) => requestStream<ApplyResponse, ApplyProgress>('reprice/apply', body, onProgress),

  supplierSettings: () => request<SupplierSettingsView[]>('GET', 'supplier-settings'),
  saveSupplierSettings: (code: string, body: SupplierSettingsInput) =>
    request<SupplierSettingsSaved>('PUT', `supplier-settings/${encodeURIComponent(code)}`, { body }),

  orders: (query: OrderQuery) => request<OrderListResponse>('GET', 'orders', { query: { ...query } }),
  order: (id: number) => request<OrderDetail>('GET', `orders/${encodeURIComponent(String(id))}`),
};

export interface OrderQuery {
  state?: string;
  supplier?: string;
  /** Matches domain, client name, service id or supplier order id. */
  q?: string;
  page?: number;
  pageSize?: number;
}
