/**
 * The sandbox supplier: a real embedded CA behind the supplier contract, so certbridge
 * runs end to end offline. Orders live in mod_certbridge_sandbox_orders (the sandbox's
 * "remote" side). Domain validation is simulated: it passes once the configured delay has
 * elapsed, then the next status query issues a certificate signed by the sandbox
 * intermediate, within today's CA/B Forum lifetime cap.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/connection';
import type { CbSandboxOrders } from '../../../db/certbridge-types';
import { parseCsr } from '../../crypto/csr';
import { describeCertificate } from '../../crypto/pem';
import { mysqlTime } from '../../jobs/queue';
import { SupplierError } from '../errors';
import { genericApproverEmails, type Capabilities, type DcvChoice, type DcvInstruction, type OrderRequest, type OrderState, type Supplier, type SupplierProduct } from '../supplier';
import { issueLeafCertificate } from './ca';
import type { SandboxCaStore } from './ca-store';
import { SANDBOX_PRODUCTS } from './catalogue';

export interface SandboxOptions {
  issueDelaySeconds: number;
  now?: () => Date;
}

type Row = Selectable<CbSandboxOrders>;

export class SandboxSupplier implements Supplier {
  readonly code = 'sandbox';
  readonly displayName = 'Sandbox CA';
  readonly capabilities: Capabilities = { reissue: false, renew: false, cancel: true, revoke: false, resendValidation: false, changeValidation: false, balance: false };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ca: SandboxCaStore,
    private readonly options: SandboxOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async listProducts(): Promise<SupplierProduct[]> {
    return SANDBOX_PRODUCTS;
  }

  async approverEmails(_productId: string, domain: string): Promise<string[]> {
    return genericApproverEmails(domain);
  }

  async checkConnection(): Promise<{ detail: string }> {
    const root = describeCertificate((await this.ca.material()).root.certificatePem);
    return { detail: `${root.subjectCommonName} ready; orders issue ${this.options.issueDelaySeconds} s after submission` };
  }

  async placeOrder(req: OrderRequest): Promise<OrderState> {
    const product = SANDBOX_PRODUCTS.find((p) => p.id === req.productId);
    if (!product) throw new SupplierError(this.code, 'invalid_request', 'permanent', `Unknown sandbox product ${req.productId}`);
    if (!product.prices.some((p) => p.months === req.months)) {
      throw new SupplierError(this.code, 'invalid_request', 'permanent', `${product.name} is not sold for ${req.months} months`);
    }
    const csr = parseCsr(req.csrPem);
    if (csr.publicKeyFingerprint === '') throw new SupplierError(this.code, 'invalid_request', 'action_required', 'The CSR could not be read');
    const now = this.now();
    // The idempotency key makes a retried placeOrder return the first order, never a second one.
    await this.db
      .insertInto('mod_certbridge_sandbox_orders')
      .values({
        idempotency_key: req.idempotencyKey,
        product_id: req.productId,
        term_months: req.months,
        csr_pem: req.csrPem,
        dns_names: JSON.stringify(req.dnsNames),
        dcv: JSON.stringify(req.dcv),
        status: 'pending',
        placed_at: mysqlTime(now),
        issue_after: mysqlTime(new Date(now.getTime() + this.options.issueDelaySeconds * 1000)),
      })
      .onDuplicateKeyUpdate({ idempotency_key: req.idempotencyKey })
      .execute();
    const row = await this.db.selectFrom('mod_certbridge_sandbox_orders').selectAll().where('idempotency_key', '=', req.idempotencyKey).executeTakeFirstOrThrow();
    return this.state(row);
  }

  async getOrder(supplierOrderId: string): Promise<OrderState> {
    const id = Number(/^SBX-(\d+)$/.exec(supplierOrderId)?.[1]);
    let row = id ? await this.db.selectFrom('mod_certbridge_sandbox_orders').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new SupplierError(this.code, 'not_found', 'permanent', `Sandbox order ${supplierOrderId} does not exist`);
    if (row.status === 'pending' && this.now().getTime() >= Date.parse(row.issue_after.replace(' ', 'T') + 'Z')) {
      const material = await this.ca.material();
      const certificatePem = issueLeafCertificate(material, { csrPem: row.csr_pem, dnsNames: JSON.parse(row.dns_names), issuedAt: this.now() });
      await this.db.updateTable('mod_certbridge_sandbox_orders').set({ status: 'issued', certificate_pem: certificatePem }).where('id', '=', row.id).where('status', '=', 'pending').execute();
      row = await this.db.selectFrom('mod_certbridge_sandbox_orders').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    }
    return this.state(row);
  }

  async cancel(supplierOrderId: string): Promise<void> {
    const id = Number(/^SBX-(\d+)$/.exec(supplierOrderId)?.[1]);
    const res = await this.db.updateTable('mod_certbridge_sandbox_orders').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new SupplierError(this.code, 'invalid_request', 'permanent', `Sandbox order ${supplierOrderId} cannot be cancelled (not pending)`);
  }

  /** The CA's root and intermediate, for `openssl verify` and the demo. */
  async caCertificates(): Promise<{ rootPem: string; intermediatePem: string }> {
    const m = await this.ca.material();
    return { rootPem: m.root.certificatePem, intermediatePem: m.intermediate.certificatePem };
  }

  private async state(row: Row): Promise<OrderState> {
    const issued = row.status === 'issued';
    const dcv = (JSON.parse(row.dcv) as DcvChoice[]).map((c) => instruction(c, row, issued));
    const status = issued ? 'issued' : row.status === 'cancelled' ? 'cancelled' : row.status === 'rejected' ? 'rejected' : 'pending_validation';
    return {
      supplierOrderId: `SBX-${row.id}`,
      status,
      rawStatus: row.status.toUpperCase(),
      dcv,
      ...(issued ? { certificatePem: row.certificate_pem!, chainPems: [(await this.ca.material()).intermediate.certificatePem] } : {}),
    };
  }
}

function instruction(choice: DcvChoice, row: Row, issued: boolean): DcvInstruction {
  const token = createHash('sha256').update(`${row.id}:${choice.domain}:${row.idempotency_key}`).digest('hex');
  const base = choice.domain.replace(/^\*\./, '');
  const status = issued ? 'valid' : 'pending';
  switch (choice.method) {
    case 'dns_txt':
      return { domain: choice.domain, method: 'dns_txt', status, dns: { host: `_certbridge-sandbox.${base}`, type: 'TXT', value: token.slice(0, 43) } };
    case 'http':
    case 'https': {
      const fileName = `${token.slice(0, 32).toUpperCase()}.txt`;
      return { domain: choice.domain, method: choice.method, status, http: { url: `${choice.method}://${base}/.well-known/pki-validation/${fileName}`, fileName, content: `${token}\ncertbridge-sandbox\n${row.id}` } };
    }
    default:
      return { domain: choice.domain, method: 'email', status, email: choice.email };
  }
}
