/**
 * One typed function per admin API route (contract: server/admin/api-types.ts). Paths are
 * relative to /admin/api/.
 */
import type {
  ApplyRequest,
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
import { request } from './client';

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
  applyImport: (body: ApplyRequest) => request<ApplyResponse>('POST', 'import/apply', { body }),

  previewReprice: (body: RepriceRequest) => request<PreviewResponse>('POST', 'reprice/preview', { body }),
  applyReprice: (body: RepriceApplyRequest) => request<ApplyResponse>('POST', 'reprice/apply', { body }),

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
