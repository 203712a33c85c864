/**
 * certbridge's own tables. WHMCS's tables are never altered; everything we add lives in
 * mod_certbridge_* (the WHMCS convention for module tables) and uses utf8mb4 so CSR
 * subjects and client names in any script survive.
 */
import { sql, type Kysely } from 'kysely';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mod_certbridge_orders (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    service_id INT NOT NULL,
    host_order_id INT NOT NULL,
    client_id INT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    parent_order_id INT UNSIGNED NULL,
    state VARCHAR(32) NOT NULL,
    supplier VARCHAR(32) NOT NULL,
    supplier_product VARCHAR(128) NOT NULL,
    supplier_order_id VARCHAR(128) NULL,
    idempotency_key VARCHAR(64) NOT NULL,
    term_months INT NOT NULL,
    common_name VARCHAR(255) NULL,
    dns_names TEXT NULL,
    csr_pem TEXT NULL,
    csr_source VARCHAR(16) NULL,
    key_id INT UNSIGNED NULL,
    validation_method VARCHAR(16) NULL,
    approver_email VARCHAR(255) NULL,
    contacts TEXT NULL,
    certificate_pem TEXT NULL,
    chain_pem MEDIUMTEXT NULL,
    valid_from DATETIME NULL,
    valid_to DATETIME NULL,
    serial_number VARCHAR(64) NULL,
    sha256_fingerprint CHAR(64) NULL,
    last_error TEXT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_idempotency (idempotency_key),
    KEY ix_service (service_id),
    KEY ix_host_order (host_order_id),
    KEY ix_state (state)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_order_events (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    from_state VARCHAR(32) NULL,
    to_state VARCHAR(32) NOT NULL,
    actor VARCHAR(64) NOT NULL,
    reason VARCHAR(64) NOT NULL,
    message TEXT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY ix_order (order_id, id)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_validations (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    domain VARCHAR(255) NOT NULL,
    method VARCHAR(16) NOT NULL,
    email VARCHAR(255) NULL,
    dns_host VARCHAR(255) NULL,
    dns_type VARCHAR(8) NULL,
    dns_value TEXT NULL,
    http_url TEXT NULL,
    http_content TEXT NULL,
    status VARCHAR(16) NOT NULL,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_order_domain (order_id, domain)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_keys (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    service_id INT NOT NULL,
    purpose VARCHAR(16) NOT NULL,
    key_spec VARCHAR(16) NOT NULL,
    sealed_private_key TEXT NOT NULL,
    public_key_fingerprint CHAR(64) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY ix_service (service_id, purpose)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_jobs (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind VARCHAR(32) NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key VARCHAR(128) NULL,
    state VARCHAR(16) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    max_attempts INT NOT NULL,
    run_after DATETIME(3) NOT NULL,
    locked_by VARCHAR(64) NULL,
    locked_until DATETIME(3) NULL,
    last_error TEXT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    UNIQUE KEY uq_dedupe (dedupe_key),
    KEY ix_due (state, run_after)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_outbox (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind VARCHAR(32) NOT NULL,
    payload TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    delivered_at DATETIME NULL,
    KEY ix_pending (delivered_at, id)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_nonces (
    nonce CHAR(32) NOT NULL PRIMARY KEY,
    seen_at DATETIME NOT NULL,
    KEY ix_seen (seen_at)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_secrets (
    name VARCHAR(128) NOT NULL PRIMARY KEY,
    sealed_value TEXT NOT NULL,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_settings (
    name VARCHAR(128) NOT NULL PRIMARY KEY,
    value MEDIUMTEXT NOT NULL,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_sandbox_orders (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    idempotency_key VARCHAR(64) NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    term_months INT NOT NULL,
    csr_pem TEXT NOT NULL,
    dns_names TEXT NOT NULL,
    dcv TEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    placed_at DATETIME NOT NULL,
    issue_after DATETIME NOT NULL,
    certificate_pem TEXT NULL,
    UNIQUE KEY uq_idempotency (idempotency_key)
  ) ${sql.raw(TABLE)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'mod_certbridge_sandbox_orders', 'mod_certbridge_settings', 'mod_certbridge_secrets',
    'mod_certbridge_nonces', 'mod_certbridge_outbox', 'mod_certbridge_jobs', 'mod_certbridge_keys',
    'mod_certbridge_validations', 'mod_certbridge_order_events', 'mod_certbridge_orders',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
