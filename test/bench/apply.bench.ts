/**
 * Import apply: 1,000 products × 3 terms × 5 currencies, every product with the "Additional
 * domains" option (so 1,000 tblproducts rows, 10,000 tblpricing rows, 4,000 config-option
 * rows), into a fresh seeded WHMCS database with two currencies added to the seed's three.
 * Baseline, measured in the same run on its own fresh database: the same plan written the
 * way PHP addons do it — one INSERT per product, per price row and per config row, inside
 * one transaction. Ours: the whole apply (lock, plan from the stored catalogue, pricing,
 * set-based writes). A second pair re-applies with a new margin (updates in place; baseline:
 * one UPDATE per row). Rounds alternate baseline and ours so machine noise falls on both.
 */
import type { Kysely, Transaction } from 'kysely';
import { openDatabase } from '../../db/connection';
import type { Database } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../support/mysql';
import { MemorySupplier, memoryProduct } from '../support/memory-supplier';
import { SupplierRegistry } from '../../server/suppliers/registry';
import { CatalogueLoader } from '../../server/catalog/catalogue-loader';
import { Previewer, type PlanItem } from '../../server/catalog/preview';
import { ProductWriter } from '../../server/catalog/product-writer';
import { ApplyLock } from '../../server/admin/apply-lock';
import { ImportWizard } from '../../server/admin/wizard';
import type { AdminSessionInfo } from '../../server/admin/auth';
import type { ApplyRequest, PricingRules } from '../../server/admin/api-types';
import { formatCents } from '../../server/catalog/money';
import { SAN_OPTION_NAME } from '../../server/catalog/imported';
import { RECURRING, SETUP_FEES, TERM_COLUMN } from '../../server/catalog/whmcs-pricing';
import { printTable } from './stats';

const PRODUCTS = Number(process.env.BENCH_APPLY_PRODUCTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_APPLY_ROUNDS ?? 3);
const ADMIN: AdminSessionInfo = { adminId: 1, adminBaseUrl: null, expiresAt: new Date().toISOString() };
const RULES: PricingRules = { margin: { kind: 'percent', value: '35' }, overrides: {}, minimumProfit: '1.00', rounding: '.99', currencyBufferPercent: '2' };
const REPRICE: PricingRules = { ...RULES, margin: { kind: 'percent', value: '45' } };

function catalogue() {
  return Array.from({ length: PRODUCTS }, (_, i) => {
    const perYear = 5 + (i % 200);
    const cost = (months: number, base: number) => [months, ((base * months) / 12).toFixed(2)] as [number, string];
    return memoryProduct(`bench-${String(i).padStart(4, '0')}`, {
      name: `Bench Certificate ${i}`,
      includedDomains: 1,
      maxDomains: 100,
      cost: [cost(12, perYear), cost(24, perYear * 0.95), cost(36, perYear * 0.9)],
      san: [cost(12, 3), cost(24, 2.9), cost(36, 2.8)],
    });
  });
}

interface Fixture {
  scratch: ScratchDatabase;
  db: Kysely<Database>;
  wizard: ImportWizard;
  previewer: Previewer;
  close(): Promise<void>;
}

async function fixture(label: string, supplier: MemorySupplier): Promise<Fixture> {
  const scratch = await createScratchDatabase({ label });
  const handle = openDatabase(scratch.url);
  const db = handle.db;
  await migrateToLatest(db);
  await db.insertInto('tblcurrencies').values([
    { code: 'CHF', prefix: 'CHF ', suffix: '', format: 1, rate: '0.88000', default: 0 },
    { code: 'SEK', prefix: '', suffix: ' kr', format: 3, rate: '10.45000', default: 0 },
  ]).execute();
  const loader = new CatalogueLoader(db, new SupplierRegistry([supplier]));
  await loader.load(supplier.code, true);
  const previewer = new Previewer(db, loader);
  const wizard = new ImportWizard(db, previewer, new ProductWriter(db), new ApplyLock(db));
  return { scratch, db, wizard, previewer, close: async () => { await handle.close(); await scratch.drop(); } };
}

const importRequest = (rules: PricingRules, group: ApplyRequest['group']): ApplyRequest => ({
  products: Array.from({ length: PRODUCTS }, (_, i) => ({ supplier: 'bench', id: `bench-${String(i).padStart(4, '0')}` })),
  rules,
  group,
  acknowledgeLoss: false,
});

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

function priceRow(item: PlanItem, cells: PlanItem['prices'], currency: number, unused: string) {
  const row: Record<string, string> = {};
  for (const c of SETUP_FEES) row[c] = '0.00';
  for (const c of RECURRING) row[c] = unused;
  for (const cell of cells) if (cell.currencyId === currency && item.terms.includes(cell.months)) row[TERM_COLUMN[cell.months]] = formatCents(cell.sellCents);
  return row;
}

/** The row-by-row writer PHP addons use: one statement per row, ids from each insert. */
async function rowByRowInsert(trx: Transaction<Database>, items: PlanItem[], currencies: number[]): Promise<void> {
  const ts = now();
  const group = await trx.insertInto('tblproductgroups').values({ name: 'Bench', slug: 'bench', headline: null, tagline: null, orderfrmtpl: '', disabledgateways: '', hidden: 0, order: 2, created_at: ts, updated_at: ts }).executeTakeFirstOrThrow();
  const gid = Number(group.insertId);
  let order = 0;
  for (const item of items) {
    const options: Record<string, string> = {};
    for (let n = 5; n <= 24; n++) options[`configoption${n}`] = '';
    const p = await trx.insertInto('tblproducts').values({
      type: 'other', gid, name: item.name, slug: item.productId, description: item.description, hidden: 0, showdomainoptions: 0, welcomeemail: 0, stockcontrol: 0, qty: 0,
      proratabilling: 0, proratadate: 0, proratachargenextmonth: 0, paytype: 'recurring', allowqty: 0, subdomain: '', autosetup: 'payment', servertype: 'certbridge', servergroup: 1,
      configoption1: item.supplier, configoption2: item.productId, configoption3: 'on', configoption4: 'rsa2048', ...(options as Record<`configoption${number}`, string>),
      freedomain: '', freedomainpaymentterms: '', freedomaintlds: '', recurringcycles: 0, autoterminatedays: 0, autoterminateemail: 0, configoptionsupgrade: 0, billingcycleupgrade: '', upgradeemail: 0,
      overagesenabled: '', overagesdisklimit: 0, overagesbwlimit: 0, overagesdiskprice: '0', overagesbwprice: '0', tax: 1, affiliateonetime: 0, affiliatepaytype: '', affiliatepayamount: '0',
      order: ++order, retired: 0, is_featured: 0, created_at: ts, updated_at: ts,
    } as never).executeTakeFirstOrThrow();
    const pid = Number(p.insertId);
    for (const currency of currencies) {
      await trx.insertInto('tblpricing').values({ type: 'product', currency, relid: pid, ...priceRow(item, item.prices, currency, '-1.00') } as never).execute();
    }
    if (!item.san) continue;
    const g = await trx.insertInto('tblproductconfiggroups').values({ name: `${item.name} — additional domains`, description: item.key }).executeTakeFirstOrThrow();
    const o = await trx.insertInto('tblproductconfigoptions').values({ gid: Number(g.insertId), optionname: SAN_OPTION_NAME, optiontype: '4', qtyminimum: 0, qtymaximum: item.san.max, order: 0, hidden: 0 }).executeTakeFirstOrThrow();
    const s = await trx.insertInto('tblproductconfigoptionssub').values({ configid: Number(o.insertId), optionname: 'Additional domain', sortorder: 0, hidden: 0 }).executeTakeFirstOrThrow();
    await trx.insertInto('tblproductconfiglinks').values({ gid: Number(g.insertId), pid }).execute();
    for (const currency of currencies) {
      await trx.insertInto('tblpricing').values({ type: 'configoptions', currency, relid: Number(s.insertId), ...priceRow(item, item.san.prices, currency, '0.00') } as never).execute();
    }
  }
}

/** Row-by-row re-price: find each price row, then one UPDATE per row. */
async function rowByRowUpdate(trx: Transaction<Database>, items: PlanItem[], currencies: number[]): Promise<void> {
  for (const item of items) {
    const pid = (await trx.selectFrom('tblproducts').select('id').where('servertype', '=', 'certbridge').where('configoption1', '=', item.supplier).where('configoption2', '=', item.productId).executeTakeFirstOrThrow()).id;
    await trx.updateTable('tblproducts').set({ updated_at: now() }).where('id', '=', pid).execute();
    for (const currency of currencies) {
      await trx.updateTable('tblpricing').set(priceRow(item, item.prices, currency, '-1.00')).where('type', '=', 'product').where('relid', '=', pid).where('currency', '=', currency).execute();
    }
    if (!item.san) continue;
    const sub = await trx.selectFrom('tblproductconfiglinks as l').innerJoin('tblproductconfigoptions as o', 'o.gid', 'l.gid').innerJoin('tblproductconfigoptionssub as s', 's.configid', 'o.id').select('s.id').where('l.pid', '=', pid).executeTakeFirstOrThrow();
    for (const currency of currencies) {
      await trx.updateTable('tblpricing').set(priceRow(item, item.san.prices, currency, '0.00')).where('type', '=', 'configoptions').where('relid', '=', sub.id).where('currency', '=', currency).execute();
    }
  }
}

async function counts(db: Kysely<Database>): Promise<string> {
  const n = async (t: 'tblproducts' | 'tblpricing' | 'tblproductconfigoptionssub') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return `${await n('tblproducts')} products, ${await n('tblpricing')} price rows, ${await n('tblproductconfigoptionssub')} SAN choices`;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchApply(): Promise<void> {
  const supplier = new MemorySupplier('bench', 'Bench CA', catalogue());
  const samples = { baseInsert: [] as number[], oursInsert: [] as number[], baseUpdate: [] as number[], oursUpdate: [] as number[] };
  let shape = '';
  for (let round = 0; round < ROUNDS; round++) {
    const base = await fixture('bench_apply_base', supplier);
    const ours = await fixture('bench_apply_ours', supplier);
    try {
      const currencies = (await base.db.selectFrom('tblcurrencies').select('id').orderBy('id').execute()).map((c) => c.id);
      if (currencies.length !== 5) throw new Error(`expected 5 currencies, found ${currencies.length}`);

      const [b1] = await timed(async () => {
        const plan = await base.previewer.importPlan(importRequest(RULES, { newName: 'Bench' }).products, RULES);
        await base.db.transaction().execute((trx) => rowByRowInsert(trx, plan.items, currencies));
      });
      const [o1, applied] = await timed(() => ours.wizard.applyImport(importRequest(RULES, { newName: 'Bench' }), ADMIN));
      if (applied.created !== PRODUCTS) throw new Error(`ours created ${applied.created} products`);
      const [baseShape, oursShape] = [await counts(base.db), await counts(ours.db)];
      if (baseShape !== oursShape) throw new Error(`baseline wrote ${baseShape}, ours ${oursShape}`);
      shape = oursShape;

      const [b2] = await timed(async () => {
        const plan = await base.previewer.importPlan(importRequest(REPRICE, { existingId: 2 }).products, REPRICE);
        await base.db.transaction().execute((trx) => rowByRowUpdate(trx, plan.items, currencies));
      });
      const [o2, updated] = await timed(() => ours.wizard.applyImport(importRequest(REPRICE, { existingId: applied.groupId }), ADMIN));
      if (updated.updated !== PRODUCTS) throw new Error(`ours updated ${updated.updated} products`);
      if ((await counts(ours.db)) !== shape) throw new Error('re-apply changed row counts');

      samples.baseInsert.push(b1);
      samples.oursInsert.push(o1);
      samples.baseUpdate.push(b2);
      samples.oursUpdate.push(o2);
    } finally {
      await base.close();
      await ours.close();
    }
  }
  printTable(`Import apply, ${PRODUCTS} products × 3 terms × 5 currencies with SAN options (${shape}); median of ${ROUNDS} rounds on fresh databases; baseline = one statement per row in one transaction`, [
    { metric: 'first import (inserts)', baseline: median(samples.baseInsert), ours: median(samples.oursInsert), unit: 'ms', target: '≤ 0.10× (≥ 10× faster), ours < 2000 ms' },
    { metric: 're-apply (update in place)', baseline: median(samples.baseUpdate), ours: median(samples.oursUpdate), unit: 'ms' },
  ]);
}
