/**
 * One typed function per GoGetSSL API v1 call (suppliers.md §3.2), nothing else: no
 * retries, no decisions. The adapter is the only caller. Field types are what GoGetSSL's
 * PHP backend sends: numbers often arrive as strings, lists as comma-joined strings, an
 * empty object as []. Errors are the client's (client.ts).
 */
import type { GoGetSslClient, Json } from './client';

/** GET /products/ssl/ → products[] (§3.3; fields marked [I] there are optional here). */
export interface ProductRecord {
  id: number | string;
  brand?: string;
  product?: string;
  product_type?: string;
  org_required?: number | string;
  san_enabled?: number | string;
  wildcard_enabled?: number | string;
  wildcard_san_enabled?: number | string;
  single_san_included?: number | string;
  single_san_max?: number | string;
  max_period?: number | string;
  dcv_email?: number | string;
  dcv_dns?: number | string;
  dcv_http?: number | string;
  dcv_https?: number | string;
  /** months → cost, e.g. {"vendor": {"12": "3.95"}}; `san` holds the per-name price [I]. */
  prices?: { vendor?: Record<string, string | number>; san?: Record<string, string | number> } | unknown[];
}

export interface PriceRecord {
  id: number | string;
  price: number | string;
  period: number | string;
}

export type ValidationShape = {
  email?: string;
  dns?: { record?: string };
  http?: { link?: string; filename?: string; content?: string };
  https?: { link?: string; filename?: string; content?: string };
};

export interface SanRecord {
  san_name: string;
  status?: string | number;
  status_description?: string;
  validation_method?: string;
  validation?: ValidationShape | unknown[];
}

/** GET /orders/status/{id} (§3.5). */
export interface StatusRecord {
  order_id: string | number;
  status: string;
  status_description?: string;
  product_id?: string | number;
  domain?: string;
  validity_period?: string | number;
  valid_from?: string;
  valid_till?: string;
  csr_code?: string;
  crt_code?: string;
  ca_code?: string;
  dcv_method?: string;
  approver_email?: string;
  approver_method?: ValidationShape | unknown[];
  renew?: string | number;
  san?: SanRecord[];
}

/** POST /orders/add_ssl_order/ and /orders/add_ssl_renew_order/ (§3.4). */
export interface AddOrderRecord {
  order_id: string | number;
  invoice_id?: string | number;
  product_id?: string | number;
  order_status?: string;
  approver_method?: ValidationShape | unknown[];
  san?: SanRecord[];
}

export interface OrderListRecord {
  orders: { order_id: number | string; status: string }[];
  count?: number | string;
  limit?: number | string;
  offset?: number | string;
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export class GoGetSslApi {
  constructor(private readonly client: GoGetSslClient) {}

  /** Logs in afresh (GoGetSSL has no "who am I"; a new key proves the credentials). */
  relogin(): Promise<void> {
    return this.client.relogin();
  }

  async products(): Promise<ProductRecord[]> {
    return list<ProductRecord>((await this.client.call({ method: 'GET', path: '/products/ssl/', action: 'products' })).products);
  }

  async product(id: string): Promise<ProductRecord | undefined> {
    const body = await this.client.call({ method: 'GET', path: `/products/ssl/${encodeURIComponent(id)}`, action: 'product' });
    return (body.product as ProductRecord | undefined) ?? undefined;
  }

  async allPrices(): Promise<PriceRecord[]> {
    return list<PriceRecord>((await this.client.call({ method: 'GET', path: '/products/all_prices/', action: 'all_prices' })).product_prices);
  }

  async balance(): Promise<{ balance: string; currency?: string }> {
    const body = await this.client.call({ method: 'GET', path: '/account/balance/', action: 'balance' });
    return { balance: String(body.balance ?? ''), ...(typeof body.currency === 'string' ? { currency: body.currency } : {}) };
  }

  /** Approver addresses; `geotrust` selects the DigiCert-family list. */
  async domainEmails(domain: string, geotrust: boolean): Promise<string[]> {
    const body = await this.client.call({ method: 'POST', path: geotrust ? '/tools/domain/emails/geotrust' : '/tools/domain/emails/', form: { domain }, action: 'domain_emails' });
    return list<unknown>(geotrust ? body.GeotrustApprovalEmails : body.ComodoApprovalEmails).filter((x): x is string => typeof x === 'string');
  }

  async addSslOrder(form: Record<string, string>): Promise<AddOrderRecord> {
    return (await this.client.call({ method: 'POST', path: '/orders/add_ssl_order/', form, action: 'add_ssl_order' })) as unknown as AddOrderRecord;
  }

  async addSslRenewOrder(form: Record<string, string>): Promise<AddOrderRecord> {
    return (await this.client.call({ method: 'POST', path: '/orders/add_ssl_renew_order/', form, action: 'add_ssl_renew_order' })) as unknown as AddOrderRecord;
  }

  async orderStatus(id: string): Promise<StatusRecord> {
    return (await this.client.call({ method: 'GET', path: `/orders/status/${encodeURIComponent(id)}`, action: 'order_status' })) as unknown as StatusRecord;
  }

  /** GET /orders/ssl/all (community-documented [M]): id and status of every order, paged. */
  async allOrders(limit: number, offset: number): Promise<OrderListRecord> {
    const body = await this.client.call({ method: 'GET', path: '/orders/ssl/all/', query: { limit: String(limit), offset: String(offset) }, action: 'orders_all' });
    return { ...(body as object), orders: list<OrderListRecord['orders'][number]>(body.orders) } as OrderListRecord;
  }

  async reissue(id: string, form: Record<string, string>): Promise<Json> {
    return this.client.call({ method: 'POST', path: `/orders/ssl/reissue/${encodeURIComponent(id)}`, form, action: 'reissue' });
  }

  async cancel(id: string, reason: string): Promise<Json> {
    return this.client.call({ method: 'POST', path: '/orders/cancel_ssl_order/', form: { order_id: id, reason }, action: 'cancel_ssl_order' });
  }

  /** `domains` and `methods` are aligned; each method is email address, dns, http or https. */
  async changeDomainsValidation(id: string, domains: string[], methods: string[]): Promise<Json> {
    return this.client.call({
      method: 'POST',
      path: `/orders/ssl/change_domains_validation_method/${encodeURIComponent(id)}`,
      form: { domains: domains.join(','), new_methods: methods.join(',') },
      action: 'change_domains_validation_method',
    });
  }

  async resendValidationEmail(id: string): Promise<Json> {
    return this.client.call({ method: 'GET', path: `/orders/ssl/resend_validation_email/${encodeURIComponent(id)}`, action: 'resend_validation_email' });
  }
}
