/**
 * Writes an import or re-price plan (preview.ts) into WHMCS's tables in ONE transaction:
 * tblproductgroups (a new group), tblproducts, tblpricing (type product, one row per
 * currency), and for products that sell extra names the "Additional domains" quantity option
 * (tblproductconfiggroups / options / optionssub / links + tblpricing type configoptions).
 * Every row is built in memory first and written with multi-row INSERTs and batched UPDATEs
 * (sql-batch.ts), a handful of statements per apply instead of one per price row.
 * Already imported products — servertype 'certbridge' with (configoption1, configoption2) =
 * (supplier, product id) — are updated in place: their prices and SAN option are rewritten,
 * an import moves them into the chosen group; their name, description and module settings
 * stay as the admin left them. Every INSERT names every NOT NULL column (strict mode safe).
 * Called by server/admin/wizard.ts while it holds the apply lock.
 * Errors: AppError('invalid_request') naming group.existingId / group.newName when the
 * group vanished or the name was taken meanwhile; anything else is a database error. Either
 * way the transaction rolls back and WHMCS is exactly as it was.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { productKey, SAN_OPTION_NAME, SAN_OPTION_TYPE, sanOptions } from './imported';
import type { PricedCell, Term } from './pricing';
import type { PlanItem } from './preview';
import { dec, Dec, insertRows, insertTuples, missingRequiredColumns, updateRowsById, updateWhereIdIn, type Cell, type RowValues } from './sql-batch';
import { existingPrices, priceKey, RECURRING, SETUP_FEES, type PricingType } from './whmcs-pricing';

import type { ApplyProgress } from '../admin/api-types';

export type GroupTarget = { existingId: number } | { newName: string };

export interface WriteRequest {
  /** import: create/update products in a group; reprice: prices and SAN options only. */
  mode: 'import' | 'reprice';
  group?: GroupTarget;
  items: PlanItem[];
  /** Every WHMCS currency id (all are priced: apply is refused while any is not). */
  currencyIds: number[];
  /** Told as each phase of the transaction starts (the admin app's progress bar). */
  onProgress?: (p: ApplyProgress) => void;
}

export interface WriteResult {
  groupId: number;
  products: { pid: number; name: string; created: boolean }[];
}

/** Phases reported through onProgress; the caller reports WRITE_PHASES + 1 once committed. */
export const WRITE_PHASES = 5;

const PRICE_COLUMNS = [...SETUP_FEES, ...RECURRING];
const DECIMAL_CASTS = Object.fromEntries(PRICE_COLUMNS.map((c) => [c, 'DECIMAL(16,2)']));
const ZERO = dec('0.00');
const SAN_SUB_NAME = 'Additional domain';

/** 'YYYY-MM-DD HH:MM:SS' in UTC (sessions run in UTC, see db/connection.ts). */
const mysqlNow = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
  return base || 'ssl-certificate';
}

/** The first of slug, slug-2, slug-3 … not in `taken`; records it as taken. */
export function uniqueSlug(name: string, taken: Set<string>): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * A tblpricing row's twelve money columns in PRICE_COLUMNS order: setup fees 0, our terms
 * priced, every other recurring cycle `unused`.
 */
function priceTuple(byTerm: Map<Term, Dec> | undefined, unused: Dec): Cell[] {
  return [ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, unused, unused, unused, byTerm?.get(12) ?? unused, byTerm?.get(24) ?? unused, byTerm?.get(36) ?? unused];
}

/** currency id → term → price, from a product's priced cells (terms it does not sell left out). */
function pricesByCurrency(cells: PricedCell[], terms: Term[]): Map<number, Map<Term, Dec>> {
  const out = new Map<number, Map<Term, Dec>>();
  for (const cell of cells) {
    if (!terms.includes(cell.months)) continue;
    let m = out.get(cell.currencyId);
    if (!m) out.set(cell.currencyId, (m = new Map()));
    m.set(cell.months, Dec.cents(cell.sellCents));
  }
  return out;
}

export class ProductWriter {
  constructor(private readonly db: Kysely<Database>) {}

  write(req: WriteRequest): Promise<WriteResult> {
    return this.db.transaction().execute((trx) => new ApplyTransaction(trx, req).run());
  }
}

class ApplyTransaction {
  private readonly now = mysqlNow();
  private readonly pidOf = new Map<string, number>();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly req: WriteRequest,
  ) {}

  async run(): Promise<WriteResult> {
    const { items, mode } = this.req;
    const step = (done: number, phase: string) => this.req.onProgress?.({ done, total: WRITE_PHASES, phase });
    step(0, mode === 'import' ? 'Product group' : 'Products');
    const groupId = mode === 'import' ? await this.group() : 0;
    const existing = items.filter((i) => i.existing);
    for (const i of existing) this.pidOf.set(i.key, i.existing!.pid);
    if (existing.length) {
      await updateWhereIdIn(this.trx, 'tblproducts', existing.map((i) => i.existing!.pid), mode === 'import' ? { gid: groupId, updated_at: this.now } : { updated_at: this.now });
    }
    step(1, `Products (${items.length})`);
    const created = items.filter((i) => !i.existing);
    if (created.length) await this.createProducts(created, groupId);

    step(2, 'Prices in every currency');
    await this.writePrices('product', dec('-1.00'), items.map((i) => ({ relid: this.pidOf.get(i.key)!, cells: i.prices, terms: i.terms })));
    step(3, 'Additional-domain options');
    await this.writeSanOptions(items);
    step(4, 'Saving');

    return {
      groupId,
      products: items.map((i) => ({ pid: this.pidOf.get(i.key)!, name: i.name, created: !i.existing })),
    };
  }

  private async group(): Promise<number> {
    const target = this.req.group;
    if (!target) throw new AppError('invalid_request', 'Choose a product group: an existing one or a new name', 'group');
    const groups = await this.trx.selectFrom('tblproductgroups').select(['id', 'name', 'slug', 'order']).forUpdate().execute();
    if ('existingId' in target) {
      if (!groups.some((g) => g.id === target.existingId)) throw new AppError('invalid_request', `Product group #${target.existingId} no longer exists; choose another`, 'group.existingId');
      return target.existingId;
    }
    const name = target.newName.trim();
    const clash = groups.find((g) => g.name.trim().toLowerCase() === name.toLowerCase());
    if (clash) throw new AppError('invalid_request', `A product group named "${clash.name}" already exists (#${clash.id}); choose it as the existing group or pick another name`, 'group.newName');
    const row: RowValues = {
      name,
      slug: uniqueSlug(name, new Set(groups.map((g) => g.slug))),
      headline: null,
      tagline: null,
      orderfrmtpl: '',
      disabledgateways: '',
      hidden: 0,
      order: Math.max(0, ...groups.map((g) => Number(g.order))) + 1,
      created_at: this.now,
      updated_at: this.now,
    };
    Object.assign(row, await missingRequiredColumns(this.trx, 'tblproductgroups', Object.keys(row)));
    const [id] = await insertRows(this.trx, 'tblproductgroups', [row]);
    return id;
  }

  /** The server group holding an active certbridge server entry: the module reads its URL and secret from it. */
  private async serverGroup(): Promise<number> {
    const row = await this.trx
      .selectFrom('tblservergroupsrel as r')
      .innerJoin('tblservers as s', 's.id', 'r.serverid')
      .select('r.groupid')
      .where('s.type', '=', 'certbridge')
      .where('s.disabled', '=', 0)
      .orderBy('r.groupid')
      .limit(1)
      .executeTakeFirst();
    return row?.groupid ?? 0;
  }

  private async createProducts(items: PlanItem[], gid: number): Promise<void> {
    const [slugRows, orderRow, servergroup] = await Promise.all([
      this.trx.selectFrom('tblproducts').select('slug').execute(),
      this.trx.selectFrom('tblproducts').select((eb) => eb.fn.max('order').as('max')).where('gid', '=', gid).executeTakeFirst(),
      this.serverGroup(),
    ]);
    const taken = new Set(slugRows.map((r) => r.slug));
    let order = Number(orderRow?.max ?? 0);
    const rows = items.map((item): RowValues => {
      const row: RowValues = {
        type: 'other',
        gid,
        name: item.name,
        slug: uniqueSlug(item.name, taken),
        description: item.description,
        hidden: 0,
        showdomainoptions: 0,
        welcomeemail: 0,
        stockcontrol: 0,
        qty: 0,
        proratabilling: 0,
        proratadate: 0,
        proratachargenextmonth: 0,
        paytype: 'recurring',
        allowqty: 0,
        subdomain: '',
        autosetup: 'payment',
        servertype: 'certbridge',
        servergroup,
        configoption1: item.supplier,
        configoption2: item.productId,
        configoption3: 'on', // the CSR's domain must match the ordered domain
        configoption4: 'rsa2048', // key type when certbridge generates the CSR
      };
      for (let n = 5; n <= 24; n++) row[`configoption${n}`] = '';
      Object.assign(row, {
        freedomain: '',
        freedomainpaymentterms: '',
        freedomaintlds: '',
        recurringcycles: 0,
        autoterminatedays: 0,
        autoterminateemail: 0,
        configoptionsupgrade: 0,
        billingcycleupgrade: '',
        upgradeemail: 0,
        overagesenabled: '',
        overagesdisklimit: 0,
        overagesbwlimit: 0,
        overagesdiskprice: dec('0.0000'),
        overagesbwprice: dec('0.0000'),
        tax: 1,
        affiliateonetime: 0,
        affiliatepaytype: '',
        affiliatepayamount: ZERO,
        order: ++order,
        retired: 0,
        is_featured: 0,
        created_at: this.now,
        updated_at: this.now,
      });
      return row;
    });
    const extra = await missingRequiredColumns(this.trx, 'tblproducts', Object.keys(rows[0]));
    if (Object.keys(extra).length) for (const r of rows) Object.assign(r, extra);
    const firstIds = await insertRows(this.trx, 'tblproducts', rows, 400);

    // Find the new ids by their identity, not by assuming consecutive auto-increment values
    // (MySQL 8's interleaved lock mode and Galera's increments break that assumption). Every
    // row a statement inserts has an id ≥ the first one it reported: a primary-key range scan.
    const found = await this.trx
      .selectFrom('tblproducts')
      .select(['id', 'servertype', 'configoption1', 'configoption2'])
      .where('id', '>=', Math.min(...firstIds))
      .orderBy('id')
      .execute();
    const wanted = new Set(items.map((i) => i.key));
    for (const r of found) {
      const key = productKey(r.configoption1, r.configoption2);
      if (r.servertype === 'certbridge' && wanted.has(key)) this.pidOf.set(key, r.id);
    }
    const lost = items.find((i) => !this.pidOf.has(i.key));
    if (lost) throw new Error(`product-writer: inserted product ${lost.key} could not be found again`);
  }

  /** Updates every existing (relid, currency) row in place and inserts the missing ones. */
  private async writePrices(type: PricingType, unused: Dec, targets: { relid: number; cells: PricedCell[]; terms: Term[] }[]): Promise<void> {
    const current = await existingPrices(this.trx, type, targets.map((t) => t.relid));
    const updates: ({ id: number } & RowValues)[] = [];
    const inserts: Cell[][] = [];
    for (const t of targets) {
      const prices = pricesByCurrency(t.cells, t.terms);
      for (const currency of this.req.currencyIds) {
        const tuple = priceTuple(prices.get(currency), unused);
        const rows = current.get(priceKey(t.relid, currency));
        if (rows) {
          const values = Object.fromEntries(PRICE_COLUMNS.map((c, i) => [c, tuple[i]]));
          for (const r of rows) updates.push({ id: r.id, ...values });
        } else inserts.push([type, currency, t.relid, ...tuple]);
      }
    }
    await updateRowsById(this.trx, 'tblpricing', updates, PRICE_COLUMNS, DECIMAL_CASTS, 1000);
    await insertTuples(this.trx, 'tblpricing', ['type', 'currency', 'relid', ...PRICE_COLUMNS], inserts, 2500);
  }

  /**
   * One configurable-option group per product that sells extra names, holding one quantity
   * option "Additional domains" (0 … maxDomains − includedDomains) whose single choice is
   * priced per name and term. Products that stopped selling extra names get the option hidden.
   */
  private async writeSanOptions(items: PlanItem[]): Promise<void> {
    const existing = await sanOptions(this.trx, items.map((i) => this.pidOf.get(i.key)!));
    const selling = items.filter((i) => i.san && i.san.max > 0);
    const stopped = items.flatMap((i) => {
      const opt = existing.get(this.pidOf.get(i.key)!);
      return opt && !(i.san && i.san.max > 0) ? [opt.optionId] : [];
    });
    if (stopped.length) await updateWhereIdIn(this.trx, 'tblproductconfigoptions', stopped, { hidden: 1 });

    const keep = selling.filter((i) => existing.has(this.pidOf.get(i.key)!));
    const fresh = selling.filter((i) => !existing.has(this.pidOf.get(i.key)!));
    const subOf = new Map<string, number>();

    await updateRowsById(
      this.trx,
      'tblproductconfigoptions',
      keep.map((i) => ({ id: existing.get(this.pidOf.get(i.key)!)!.optionId, qtyminimum: 0, qtymaximum: i.san!.max, hidden: 0 })),
      ['qtyminimum', 'qtymaximum', 'hidden'],
    );
    const withoutSub = keep.filter((i) => !existing.get(this.pidOf.get(i.key)!)!.subId);
    for (const i of keep) {
      const sub = existing.get(this.pidOf.get(i.key)!)!.subId;
      if (sub) subOf.set(i.key, sub);
    }

    if (fresh.length) {
      const marker = (i: PlanItem) => `Additional domains for ${i.name}, managed by certbridge (${i.key}): re-importing overwrites its prices.`;
      const firstGroup = Math.min(...(await insertRows(this.trx, 'tblproductconfiggroups', fresh.map((i) => ({ name: `${i.name} — additional domains`, description: marker(i) })))));
      const groups = await this.trx.selectFrom('tblproductconfiggroups').select(['id', 'description']).where('id', '>=', firstGroup).orderBy('id').execute();
      const groupByMarker = new Map(groups.map((g) => [g.description, g.id]));
      const groupOf = new Map(fresh.map((i) => [i.key, groupByMarker.get(marker(i))!]));
      await insertRows(this.trx, 'tblproductconfiglinks', fresh.map((i) => ({ gid: groupOf.get(i.key)!, pid: this.pidOf.get(i.key)! })));
      const firstOption = Math.min(
        ...(await insertRows(
          this.trx,
          'tblproductconfigoptions',
          fresh.map((i) => ({ gid: groupOf.get(i.key)!, optionname: SAN_OPTION_NAME, optiontype: SAN_OPTION_TYPE, qtyminimum: 0, qtymaximum: i.san!.max, order: 0, hidden: 0 })),
        )),
      );
      const ourGroups = new Set(groupOf.values());
      const options = await this.trx.selectFrom('tblproductconfigoptions').select(['id', 'gid']).where('id', '>=', firstOption).orderBy('id').execute();
      const optionByGroup = new Map(options.filter((o) => ourGroups.has(o.gid)).map((o) => [o.gid, o.id]));
      const newSubsFor = [...fresh.map((i) => ({ i, configid: optionByGroup.get(groupOf.get(i.key)!)! })), ...withoutSub.map((i) => ({ i, configid: existing.get(this.pidOf.get(i.key)!)!.optionId }))];
      await this.insertSubs(newSubsFor, subOf);
    } else if (withoutSub.length) {
      await this.insertSubs(withoutSub.map((i) => ({ i, configid: existing.get(this.pidOf.get(i.key)!)!.optionId })), subOf);
    }

    // Config option prices are added to the product's, so unused cycles are 0.00, never -1.
    await this.writePrices('configoptions', ZERO, selling.map((i) => ({ relid: subOf.get(i.key)!, cells: i.san!.prices, terms: i.terms })));
  }

  private async insertSubs(list: { i: PlanItem; configid: number }[], subOf: Map<string, number>): Promise<void> {
    if (!list.length) return;
    const [firstSub] = await insertRows(this.trx, 'tblproductconfigoptionssub', list.map(({ configid }) => ({ configid, optionname: SAN_SUB_NAME, sortorder: 0, hidden: 0 })), list.length);
    const ours = new Set(list.map((x) => x.configid));
    const subs = await this.trx.selectFrom('tblproductconfigoptionssub').select(['id', 'configid']).where('id', '>=', firstSub).orderBy('id').execute();
    const subByOption = new Map<number, number>();
    for (const s of subs) if (ours.has(s.configid) && !subByOption.has(s.configid)) subByOption.set(s.configid, s.id);
    for (const { i, configid } of list) subOf.set(i.key, subByOption.get(configid)!);
  }
}
