/**
 * Keeps the sandbox CA's root and intermediate in MySQL: certificates in settings, private
 * keys sealed with the master key. Generated on first use; when several instances start at
 * once, the first insert wins and everyone reads that one back.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/connection';
import type { SecretBox } from '../../crypto/secret-box';
import { createSandboxCa, type SandboxCaMaterial } from './ca';

const ROOT_CERT = 'sandbox.ca.root.certificate';
const INT_CERT = 'sandbox.ca.intermediate.certificate';
const ROOT_KEY = 'sandbox.ca.root.key';
const INT_KEY = 'sandbox.ca.intermediate.key';

export class SandboxCaStore {
  private cached: Promise<SandboxCaMaterial> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  material(): Promise<SandboxCaMaterial> {
    this.cached ??= this.loadOrCreate().catch((e) => {
      this.cached = undefined;
      throw e;
    });
    return this.cached;
  }

  private async read(): Promise<SandboxCaMaterial | undefined> {
    const settings = await this.db.selectFrom('mod_certbridge_settings').select(['name', 'value']).where('name', 'in', [ROOT_CERT, INT_CERT]).execute();
    const secrets = await this.db.selectFrom('mod_certbridge_secrets').select(['name', 'sealed_value']).where('name', 'in', [ROOT_KEY, INT_KEY]).execute();
    const s = Object.fromEntries(settings.map((r) => [r.name, r.value]));
    const k = Object.fromEntries(secrets.map((r) => [r.name, r.sealed_value]));
    if (!s[ROOT_CERT] || !s[INT_CERT] || !k[ROOT_KEY] || !k[INT_KEY]) return undefined;
    return {
      root: { certificatePem: s[ROOT_CERT], privateKeyPem: this.box.openText(k[ROOT_KEY], ROOT_KEY) },
      intermediate: { certificatePem: s[INT_CERT], privateKeyPem: this.box.openText(k[INT_KEY], INT_KEY) },
    };
  }

  private async loadOrCreate(): Promise<SandboxCaMaterial> {
    const existing = await this.read();
    if (existing) return existing;
    const ca = await createSandboxCa();
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('mod_certbridge_settings').select('name').where('name', '=', ROOT_CERT).forUpdate().executeTakeFirst();
      if (taken) return;
      await trx.insertInto('mod_certbridge_settings').values([
        { name: ROOT_CERT, value: ca.root.certificatePem },
        { name: INT_CERT, value: ca.intermediate.certificatePem },
      ]).execute();
      await trx.insertInto('mod_certbridge_secrets').values([
        { name: ROOT_KEY, sealed_value: this.box.seal(ca.root.privateKeyPem, ROOT_KEY) },
        { name: INT_KEY, sealed_value: this.box.seal(ca.intermediate.privateKeyPem, INT_KEY) },
      ]).execute();
    });
    return (await this.read())!;
  }
}
