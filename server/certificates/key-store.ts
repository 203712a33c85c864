/**
 * Private keys at rest. Keys are sealed with the master key (AES-256-GCM, key id stored in
 * the sealed string so the master key can rotate) and bound to their service id as
 * associated data, so a sealed key copied onto another service's row does not open.
 * Callers: the configure step (generate / adopt a draft key) and downloads.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { SecretBox } from '../crypto/secret-box';
import { generatePrivateKey, publicKeyFingerprint, type KeySpec } from '../crypto/keys';
import type { Trx } from './transition';

export interface StoredKey {
  id: number;
  serviceId: number;
  purpose: 'draft' | 'order';
  keySpec: string;
  publicKeyFingerprint: string;
}

export function keySpecName(spec: KeySpec): string {
  return spec.type === 'rsa' ? `rsa${spec.bits}` : `ec-${spec.curve.toLowerCase().replace('-', '')}`;
}

export class KeyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  get database(): Kysely<Database> {
    return this.db;
  }

  private aad(serviceId: number): string {
    return `certbridge-key:service:${serviceId}`;
  }

  /** Generates a key (outside any transaction: RSA 4096 can take a second). */
  async generate(spec: KeySpec): Promise<{ privateKeyPem: string; fingerprint: string; specName: string }> {
    const privateKeyPem = await generatePrivateKey(spec);
    return { privateKeyPem, fingerprint: publicKeyFingerprint(privateKeyPem), specName: keySpecName(spec) };
  }

  async save(trx: Trx | Kysely<Database>, serviceId: number, purpose: 'draft' | 'order', key: { privateKeyPem: string; fingerprint: string; specName: string }): Promise<number> {
    const res = await trx
      .insertInto('mod_certbridge_keys')
      .values({
        service_id: serviceId,
        purpose,
        key_spec: key.specName,
        sealed_private_key: this.box.seal(key.privateKeyPem, this.aad(serviceId)),
        public_key_fingerprint: key.fingerprint,
      })
      .executeTakeFirstOrThrow();
    return Number(res.insertId);
  }

  async findDraft(serviceId: number): Promise<StoredKey | undefined> {
    const row = await this.db
      .selectFrom('mod_certbridge_keys')
      .selectAll()
      .where('service_id', '=', serviceId)
      .where('purpose', '=', 'draft')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && { id: row.id, serviceId: row.service_id, purpose: 'draft', keySpec: row.key_spec, publicKeyFingerprint: row.public_key_fingerprint };
  }

  /** Turns a draft key into the order's key (the client kept the CSR we prefilled). */
  async adopt(trx: Trx, keyId: number): Promise<void> {
    await trx.updateTable('mod_certbridge_keys').set({ purpose: 'order' }).where('id', '=', keyId).execute();
  }

  /** Drops unused drafts of a service: the client pasted their own CSR, so we keep no key. */
  async discardDrafts(trx: Trx, serviceId: number): Promise<void> {
    await trx.deleteFrom('mod_certbridge_keys').where('service_id', '=', serviceId).where('purpose', '=', 'draft').execute();
  }

  async open(keyId: number): Promise<string> {
    const row = await this.db.selectFrom('mod_certbridge_keys').select(['service_id', 'sealed_private_key']).where('id', '=', keyId).executeTakeFirstOrThrow();
    return this.box.openText(row.sealed_private_key, this.aad(row.service_id));
  }
}
