/**
 * Supplier API calls into WHMCS's module log (tblmodulelog), as WHMCS's own modules do, but
 * only while Module Debug Logging is on (tblconfiguration.ModuleDebugMode = 'on'; checked at
 * most every 30 s). Secrets are replaced by asterisks of the same length before the write;
 * writes happen in the background and a failure never fails the supplier call.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/connection';
import type { Logger } from '../../logger';
import { maskSecrets } from '../../logger';
import type { SupplierCallEntry, SupplierCallLog } from '../../suppliers/call-log';

export class WhmcsModuleLog implements SupplierCallLog {
  private debugOn: { value: boolean; at: number } | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
  ) {}

  private async enabled(): Promise<boolean> {
    if (this.debugOn && Date.now() - this.debugOn.at < 30_000) return this.debugOn.value;
    const row = await this.db.selectFrom('tblconfiguration').select('value').where('setting', '=', 'ModuleDebugMode').executeTakeFirst();
    this.debugOn = { value: row?.value === 'on', at: Date.now() };
    return this.debugOn.value;
  }

  record(entry: SupplierCallEntry): void {
    this.pending = this.pending.then(async () => {
      try {
        if (!(await this.enabled())) return;
        await this.db
          .insertInto('tblmodulelog')
          .values({
            date: new Date().toISOString().slice(0, 19).replace('T', ' '),
            module: `certbridge-${entry.supplier}`.toLowerCase(),
            action: entry.action.toLowerCase(),
            request: maskSecrets(entry.request, entry.secrets),
            response: maskSecrets(entry.response, entry.secrets),
            arrdata: '',
          })
          .execute();
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, 'could not write the WHMCS module log');
      }
    });
  }

  /** Resolves when every queued entry is written (tests, shutdown). */
  flush(): Promise<void> {
    return this.pending;
  }
}
