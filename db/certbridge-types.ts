/**
 * Kysely types for certbridge's own tables (mod_certbridge_*), created by db/migrations.
 * mysql2 is configured with dateStrings and string decimals (see db/connection.ts), so
 * DATETIME columns read as 'YYYY-MM-DD HH:MM:SS' strings in UTC.
 */
import type { Generated } from 'kysely';

export interface CbOrders {
  id: Generated<number>;
  service_id: number;
  /** The host's own order row (WHMCS: tblsslorders.id). */
  host_order_id: number;
  client_id: number;
  kind: string; // initial | reissue | renewal
  parent_order_id: number | null;
  state: string;
  supplier: string;
  supplier_product: string;
  supplier_order_id: string | null;
  idempotency_key: string;
  term_months: number;
  common_name: string | null;
  dns_names: string | null; // JSON array
  csr_pem: string | null;
  csr_source: string | null; // generated | pasted
  key_id: number | null;
  validation_method: string | null; // email | dns_txt | http
  approver_email: string | null;
  contacts: string | null; // JSON
  certificate_pem: string | null;
  chain_pem: string | null;
  valid_from: string | null;
  valid_to: string | null;
  serial_number: string | null;
  sha256_fingerprint: string | null;
  last_error: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface CbOrderEvents {
  id: Generated<number>;
  order_id: number;
  from_state: string | null;
  to_state: string;
  actor: string;
  reason: string;
  message: string;
  created_at: Generated<string>;
}

export interface CbValidations {
  id: Generated<number>;
  order_id: number;
  domain: string;
  method: string;
  email: string | null;
  dns_host: string | null;
  dns_type: string | null;
  dns_value: string | null;
  http_url: string | null;
  http_content: string | null;
  status: string;
  updated_at: Generated<string>;
}

export interface CbKeys {
  id: Generated<number>;
  service_id: number;
  purpose: string; // draft | order
  key_spec: string;
  sealed_private_key: string;
  public_key_fingerprint: string;
  created_at: Generated<string>;
}

export interface CbJobs {
  id: Generated<number>;
  kind: string;
  payload: string; // JSON
  dedupe_key: string | null;
  state: string; // queued | running | done | failed
  attempts: Generated<number>;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface CbOutbox {
  id: Generated<number>;
  kind: string;
  payload: string; // JSON
  created_at: Generated<string>;
  delivered_at: string | null;
  leased_until: string | null;
}

export interface CbNonces {
  nonce: string;
  seen_at: string;
}

export interface CbSecrets {
  name: string;
  sealed_value: string;
  updated_at: Generated<string>;
}

export interface CbSettings {
  name: string;
  value: string;
  updated_at: Generated<string>;
}

export interface CbSandboxOrders {
  id: Generated<number>;
  idempotency_key: string;
  product_id: string;
  term_months: number;
  csr_pem: string;
  dns_names: string; // JSON
  dcv: string; // JSON [{domain, method, email?}]
  status: string; // pending | issued | rejected | cancelled
  placed_at: string;
  issue_after: string;
  certificate_pem: string | null;
}

export interface CbSupplierSettings {
  code: string;
  enabled: Generated<number>;
  mode: string; // live | test
  sealed_credentials: string;
  base_url: string | null;
  max_concurrency: number | null;
  updated_at: Generated<string>;
}

/** One supplier's last loaded catalogue (JSON array of CatalogueProduct without importedAs). */
export interface CbCatalogue {
  supplier: string;
  loaded_at: string;
  product_count: number;
  products: string;
}

/** Single-use login tokens issued to the addon page; only the SHA-256 hash is stored. */
export interface CbAdminTokens {
  token_hash: string;
  admin_id: number;
  admin_base_url: string | null;
  created_at: Generated<string>;
  expires_at: string;
  used_at: string | null;
}

/** Admin app sessions (bearer tokens); only the SHA-256 hash is stored. */
export interface CbAdminSessions {
  token_hash: string;
  admin_id: number;
  admin_base_url: string | null;
  created_at: Generated<string>;
  expires_at: string;
}

/** Named leases shared by every instance (e.g. "apply"). */
export interface CbLocks {
  name: string;
  holder: string;
  admin_id: number;
  acquired_at: string;
  expires_at: string;
}

export interface CertbridgeTables {
  mod_certbridge_supplier_settings: CbSupplierSettings;
  mod_certbridge_orders: CbOrders;
  mod_certbridge_order_events: CbOrderEvents;
  mod_certbridge_validations: CbValidations;
  mod_certbridge_keys: CbKeys;
  mod_certbridge_jobs: CbJobs;
  mod_certbridge_outbox: CbOutbox;
  mod_certbridge_nonces: CbNonces;
  mod_certbridge_secrets: CbSecrets;
  mod_certbridge_settings: CbSettings;
  mod_certbridge_sandbox_orders: CbSandboxOrders;
  mod_certbridge_catalogue: CbCatalogue;
  mod_certbridge_admin_tokens: CbAdminTokens;
  mod_certbridge_admin_sessions: CbAdminSessions;
  mod_certbridge_locks: CbLocks;
}
