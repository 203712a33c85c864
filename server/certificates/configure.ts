/**
 * The client's configuration of a certificate (configuressl step two, host-neutral):
 * either their own pasted CSR, or one we generate with a fresh key. Everything is checked
 * before anything is written; on success the order carries the CSR, names and contact, and
 * the caller gets the approver addresses and validation methods to offer next.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { buildCsr, parseCsr, CsrError, type ParsedCsr } from '../crypto/csr';
import { parseKeySpec } from '../crypto/keys';
import type { Contact, DcvMethod, SupplierProduct } from '../suppliers/supplier';
import type { SupplierRegistry } from '../suppliers/registry';
import { checkCsr, normaliseName } from './csr-policy';
import type { KeyStore } from './key-store';
import type { OrderService } from './order-service';
import type { Lifecycle } from './transition';
import { STATES } from './states';

export interface ConfigureInput {
  serviceId: number;
  actor: string;
  orderedDomain: string;
  requireDomainMatch: boolean;
  keySpec: string; // e.g. rsa2048, used when we generate
  generate: boolean;
  csrPem: string;
  extraNames: string[];
  contact: Contact;
}

export interface ConfigureResult {
  commonName: string;
  dnsNames: string[];
  csrSource: 'generated' | 'pasted';
  approverEmails: string[];
  methods: DcvMethod[];
  product: SupplierProduct;
  keyDescription: string;
}

export class ConfigureService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly orders: OrderService,
    private readonly suppliers: SupplierRegistry,
    private readonly keys: KeyStore,
    private readonly lifecycle: Lifecycle,
  ) {}

  async configure(input: ConfigureInput): Promise<ConfigureResult> {
    const order = await this.orders.require(input.serviceId);
    if (order.state !== 'awaiting_configuration') {
      throw new AppError('conflict', `This certificate is already configured (${STATES[order.state as keyof typeof STATES]?.label.toLowerCase() ?? order.state}); nothing was changed`);
    }
    const product = await this.orders.product({ supplier: order.supplier, productId: order.supplier_product });

    let csrPem: string;
    let parsed: ParsedCsr;
    let generatedKey: { privateKeyPem: string; fingerprint: string; specName: string } | undefined;
    let draftKeyId: number | undefined;

    if (input.generate) {
      const domain = normaliseName(input.orderedDomain);
      if (!domain) throw new AppError('invalid_request', 'No domain was ordered for this certificate, so we cannot generate the CSR: paste your own CSR instead', 'csr');
      let spec;
      try {
        spec = parseKeySpec(input.keySpec || 'rsa2048');
      } catch (e) {
        throw new AppError('invalid_request', `The product's key type setting is wrong: ${(e as Error).message}`, 'configoption4');
      }
      generatedKey = await this.keys.generate(spec);
      csrPem = generateCsr({
        privateKeyPem: generatedKey.privateKeyPem,
        subject: {
          commonName: domain,
          organization: input.contact.organization || undefined,
          locality: input.contact.city || undefined,
          state: input.contact.state || undefined,
          country: /^[A-Za-z]{2}$/.test(input.contact.country) ? input.contact.country.toUpperCase() : undefined,
        },
        altNames: [domain, ...input.extraNames.map(normaliseName)],
      });
      parsed = parseCsr(csrPem);
    } else {
      if (!input.csrPem.trim()) throw new AppError('invalid_request', 'Paste your CSR, or tick "Generate the CSR for me"', 'csr');
      try {
        parsed = parseCsr(input.csrPem);
      } catch (e) {
        if (e instanceof CsrError) throw new AppError('invalid_request', e.message, 'csr');
        throw e;
      }
      csrPem = input.csrPem.trim() + '\n';
      const draft = await this.keys.findDraft(input.serviceId);
      if (draft && draft.publicKeyFingerprint === parsed.publicKeyFingerprint) draftKeyId = draft.id;
    }

    const dnsNames = checkCsr({ csr: parsed, product, orderedDomain: input.orderedDomain, requireDomainMatch: input.requireDomainMatch, extraNames: input.extraNames });
    const commonName = dnsNames[0];
    const approverEmails = product.dcvMethods.includes('email') ? await this.suppliers.get(order.supplier).approverEmails(product.id, commonName) : [];
    const csrSource = generatedKey || draftKeyId ? 'generated' : 'pasted';

    await this.db.transaction().execute(async (trx) => {
      let keyId: number | null = null;
      if (generatedKey) keyId = await this.keys.save(trx, input.serviceId, 'order', generatedKey);
      else if (draftKeyId) {
        await this.keys.adopt(trx, draftKeyId);
        keyId = draftKeyId;
      }
      await this.keys.discardDrafts(trx, input.serviceId);
      await trx
        .updateTable('mod_certbridge_orders')
        .set({
          csr_pem: csrPem,
          csr_source: csrSource,
          key_id: keyId,
          common_name: commonName,
          dns_names: JSON.stringify(dnsNames),
          contacts: JSON.stringify({ admin: input.contact }),
        })
        .where('id', '=', order.id)
        .execute();
      await this.lifecycle.note(trx, order.id, order.state, order.state, input.actor, 'csr_received',
        csrSource === 'generated' ? `CSR generated for ${dnsNames.join(', ')} (${describeKey(parsed)}); the private key is stored encrypted` : `CSR received for ${dnsNames.join(', ')} (${describeKey(parsed)}); no private key is stored`);
    });

    return { commonName, dnsNames, csrSource, approverEmails, methods: product.dcvMethods, product, keyDescription: describeKey(parsed) };
  }
}

/** buildCsr with its input errors (an over-long organisation, a control character) as a field message. */
function generateCsr(input: Parameters<typeof buildCsr>[0]): string {
  try {
    return buildCsr(input);
  } catch (e) {
    if (e instanceof CsrError) throw new AppError('invalid_request', `We could not generate the CSR from your details: ${e.message}`, 'csr');
    throw e;
  }
}

export function describeKey(csr: ParsedCsr): string {
  return csr.key.type === 'rsa' ? `RSA ${csr.key.bits}` : `ECDSA ${csr.key.curve}`;
}
