/**
 * The import wizard's and bulk re-price's server side: preview (read only) and apply
 * (under the apply lock, in one transaction). Apply recomputes the plan from the database
 * and stored catalogues — it never trusts prices sent back by the browser — and refuses
 * (422, nothing written) while the preview has problems or unacknowledged loss rows.
 * Called by routes.ts.
 * Errors: 422 naming the field (group.newName for an empty or taken name, group.existingId,
 * products[i], pids[i], acknowledgeLoss, or the first problem's field such as
 * currencies.EUR.rate); 409 when another apply runs; 502 naming a supplier whose catalogue
 * had to be loaded and failed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import type { Plan, Previewer } from '../catalog/preview';
import { WRITE_PHASES, type GroupTarget, type ProductWriter, type WriteResult } from '../catalog/product-writer';
import type { ApplyLock } from './apply-lock';
import type { AdminSessionInfo } from './auth';
import type { ApplyProgress, ApplyRequest, ApplyResponse, ImportRequest, PreviewResponse, RepriceApplyRequest, RepriceRequest } from './api-types';
import { checkDistinct, checkGroupShape } from './validation';

export type ProgressListener = (p: ApplyProgress) => void;

export class ImportWizard {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly previewer: Previewer,
    private readonly writer: ProductWriter,
    private readonly lock: ApplyLock,
  ) {}

  async previewImport(req: ImportRequest): Promise<PreviewResponse> {
    this.checkProducts(req);
    await this.checkGroup(req);
    return this.previewer.preview(await this.previewer.importPlan(req.products, req.rules));
  }

  async applyImport(req: ApplyRequest, admin: AdminSessionInfo, onProgress?: ProgressListener): Promise<ApplyResponse> {
    this.checkProducts(req);
    const group = await this.checkGroup(req);
    return this.locked(admin, async () => {
      const plan = await this.previewer.importPlan(req.products, req.rules);
      return this.write(plan, req.acknowledgeLoss, admin, 'import', group, onProgress);
    });
  }

  async previewReprice(req: RepriceRequest): Promise<PreviewResponse> {
    this.checkPids(req);
    return this.previewer.preview(await this.previewer.repricePlan(req.pids, req.rules));
  }

  async applyReprice(req: RepriceApplyRequest, admin: AdminSessionInfo, onProgress?: ProgressListener): Promise<ApplyResponse> {
    this.checkPids(req);
    return this.locked(admin, async () => {
      const plan = await this.previewer.repricePlan(req.pids, req.rules);
      return this.write(plan, req.acknowledgeLoss, admin, 'reprice', undefined, onProgress);
    });
  }

  private checkProducts(req: ImportRequest): void {
    checkDistinct(req.products, (p) => `${p.supplier}:${p.id}`, (i) => `products[${i}]`, (p) => `${p.supplier} product "${p.id}"`);
  }

  private checkPids(req: RepriceRequest): void {
    checkDistinct(req.pids, (p) => String(p), (i) => `pids[${i}]`, (p) => `Product #${p}`);
  }

  /** Shape, then the database: the existing group must exist, a new name must be free. */
  private async checkGroup(req: ImportRequest): Promise<GroupTarget> {
    const group = checkGroupShape(req.group ?? {});
    const groups = await this.db.selectFrom('tblproductgroups').select(['id', 'name']).execute();
    if ('existingId' in group) {
      if (!groups.some((g) => g.id === group.existingId)) throw new AppError('invalid_request', `WHMCS has no product group #${group.existingId}`, 'group.existingId');
    } else {
      const clash = groups.find((g) => g.name.trim().toLowerCase() === group.newName.toLowerCase());
      if (clash) throw new AppError('invalid_request', `A product group named "${clash.name}" already exists (#${clash.id}); choose it as the existing group or pick another name`, 'group.newName');
    }
    return group;
  }

  private async locked<T>(admin: AdminSessionInfo, work: () => Promise<T>): Promise<T> {
    const lease = await this.lock.acquire(admin.adminId);
    try {
      return await work();
    } finally {
      await lease.release();
    }
  }

  private async write(plan: Plan, acknowledgeLoss: boolean, admin: AdminSessionInfo, mode: 'import' | 'reprice', group?: GroupTarget, onProgress?: ProgressListener): Promise<ApplyResponse> {
    const { problems, lossCount, firstLoss } = plan;
    if (problems.length) {
      throw new AppError('invalid_request', `Nothing was applied: ${problems.map((p) => p.message).join(' ')}`, problems[0].field);
    }
    if (lossCount > 0 && !acknowledgeLoss) {
      const first = firstLoss!;
      throw new AppError(
        'invalid_request',
        `Nothing was applied: ${lossCount} price${lossCount === 1 ? ' is' : 's are'} below cost (e.g. ${first.name}, ${first.months} months: ${first.newSell} ${first.currency} < cost ${first.cost}). Review the loss rows and confirm with acknowledgeLoss: true.`,
        'acknowledgeLoss',
      );
    }
    const result = await this.writer.write({ mode, group, items: plan.items, currencyIds: plan.currencyIds, onProgress });
    onProgress?.({ done: WRITE_PHASES + 1, total: WRITE_PHASES + 1, phase: 'Saved' });
    return this.response(result, admin, mode);
  }

  private async response(result: WriteResult, admin: AdminSessionInfo, mode: 'import' | 'reprice'): Promise<ApplyResponse> {
    const base = admin.adminBaseUrl ?? `${await this.systemUrl()}admin/`;
    const gids = new Set<number>();
    if (mode === 'reprice' && result.products.length) {
      const rows = await this.db.selectFrom('tblproducts').select('gid').where('id', 'in', result.products.map((p) => p.pid)).execute();
      for (const r of rows) gids.add(r.gid);
    }
    return {
      created: result.products.filter((p) => p.created).length,
      updated: result.products.filter((p) => !p.created).length,
      // Re-price names no group: the products' common group, or 0 when they span several.
      groupId: mode === 'import' ? result.groupId : gids.size === 1 ? [...gids][0] : 0,
      products: result.products.map((p) => ({ pid: p.pid, name: p.name, adminUrl: `${base}configproducts.php?action=edit&id=${p.pid}` })),
    };
  }

  /** WHMCS's System URL with a trailing slash ('' when unset: links become relative). */
  private async systemUrl(): Promise<string> {
    const row = await this.db.selectFrom('tblconfiguration').select('value').where('setting', '=', 'SystemURL').executeTakeFirst();
    const url = (row?.value ?? '').trim();
    return !url ? '' : url.endsWith('/') ? url : `${url}/`;
  }
}
