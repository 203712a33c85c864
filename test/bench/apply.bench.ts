/**
 * Import apply: 1,000 products × 3 terms × 5 currencies, every product with the "Additional
 * domains" option (1,000 tblproducts rows, 10,000 tblpricing rows, 4,000 config-option rows),
 * into a fresh seeded WHMCS database with two currencies added to the seed's three.
 *
 * Measured in the same run, each side on its own fresh database, all computing the same plan:
 *  - baseline: the plan written the way PHP addons write it — one INSERT per product, per
 *    price row and per config row, inside one transaction, one query each;
 *  - baseline, prepared: the same with a server-side prepare + execute + close per row, which
 *    is what Laravel's Capsule (WHMCS's database layer; PDO with native prepares) sends;
 *  - ours: the whole apply (apply lock, plan from the stored catalogue, pricing, set-based
 *    writes in one transaction).
 * A second pair re-applies with a new margin (update in place; baseline: one UPDATE per row).
 * Rounds rotate which side goes first so a noisy neighbour hurts all sides alike; an
 * unrecorded warm-up runs first so no side pays for JIT compilation. Not a test.
 */
import { Kysely, MysqlDialect, type Transaction } from 'kysely';
import type { Pool } from 'mysql2';
import { openDatabase, type Database } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { createScratchDatabase } from '../support/mysql';
import { MemorySupplier, memoryProduct } from '../support/memory-supplier';
import { SupplierRegistry } from '../../server/suppliers/registry';
import { CatalogueLoader } from '../../server/catalog/catalogue-loader';
import { Previewer, type PlanItem } from '../../server/catalog/preview';
import { ProductWriter } from '../../server/catalog/product-writer';
import { ApplyLock } from '../../server/admin/apply-lock';
import { ImportWizard } from '../../server/admin/wizard';
import type { AdminSessionInfo } from '../../server/admin/auth';
import type { ApplyRequest, ApplyResponse, PricingRules } from '../../server/admin/api-types';
import { formatCents } from '../../server/catalog/money';
import { SAN_OPTION_NAME } from '../../server/catalog/imported';
import { RECURRING, SETUP_FEES, TERM_COLUMN } from '../../server/catalog/whmcs-pricing';
import { printTable } from './stats';

const PRODUCTS = Number(process.env.BENCH_APPLY_PRODUCTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_APPLY_ROUNDS ?? 5);
const ADMIN: AdminSessionInfo = { adminId: 1, adminBaseUrl: null, expiresAt: new Date().toISOString() };
const RULES: PricingRules = { margin: { kind: 'percent', value: '35' }, overrides: {}, minimumProfit: '1.00', rounding: '.99', currencyBufferPercent: '2' };
const REPRICE: PricingRules = { ...RULES, margin: { kind: 'percent', value: '45' } };

function catalogue(count: number) {
  return Array.from({ length: count }, (_, i) => {
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

const request = (count: number, rules: PricingRules, group: ApplyRequest['group']): ApplyRequest => ({
  products: Array.from({ length: count }, (_, i) => ({ supplier: 'bench', id: `bench-${String(i).padStart(4, '0')}` })),
  rules,
  group,
  acknowledgeLoss: false,
});

/** A fresh seeded database with 5 currencies and the bench catalogue stored; counts statements. */
async function fixture(label: string, supplier: MemorySupplier) {
  const scratch = await createScratchDatabase({ label });
  const handle = openDatabase(scratch.url);
  const counter = { statements: 0 };
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: handle.pool }), log: (e) => void (e.level === 'query' && counter.statements++) });
  await migrateToLatest(db);
  await db.insertInto('tblcurrencies').values([
    { code: 'CHF', prefix: 'CHF ', suffix: '', format: 1, rate: '0.88000', default: 0 },
    { code: 'SEK', prefix: '', suffix: ' kr', format: 3, rate: '10.45000', default: 0 },
  ]).execute();
  const loader = new CatalogueLoader(db, new SupplierRegistry([supplier]));
  await loader.load(supplier.code, true);
  const previewer = new Previewer(db, loader);
  const wizard = new ImportWizard(db, previewer, new ProductWriter(db), new ApplyLock(db));
  const currencies = (await db.selectFrom('tblcurrencies').select('id').orderBy('id').execute()).map((c) => c.id);
  return {
    db,
    pool: handle.pool,
    counter,
    wizard,
    previewer,
    currencies,
    close: async () => {
      await db.destroy(); // ends the pool (handle.db never connected, so destroying it would not)
      await scratch.drop();
    },
  };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

// ---- the baselines: one statement per row ----------------------------------------------------

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

function priceColumns(item: PlanItem, cells: PlanItem['prices'], currency: number, unused: string): Record<string, string> {
  const row: Record<string, string> = {};
  for (const c of SETUP_FEES) row[c] = '0.00';
  for (const c of RECURRING) row[c] = unused;
  for (const cell of cells) if (cell.currencyId === currency && item.terms.includes(cell.months)) row[TERM_COLUMN[cell.months]] = formatCents(cell.sellCents);
  return row;
}

function productRow(item: PlanItem, gid: number, order: number, ts: string): Record<string, string | number> {
  const row: Record<string, string | number> = {
    type: 'other', gid, name: item.name, slug: item.productId, description: item.description, hidden: 0, showdomainoptions: 0, welcomeemail: 0, stockcontrol: 0, qty: 0,
    proratabilling: 0, proratadate: 0, proratachargenextmonth: 0, paytype: 'recurring', allowqty: 0, subdomain: '', autosetup: 'payment', servertype: 'certbridge', servergroup: 1,
    configoption1: item.supplier, configoption2: item.productId, configoption3: 'on', configoption4: 'rsa2048',
  };
  for (let n = 5; n <= 24; n++) row[`configoption${n}`] = '';
  return Object.assign(row, {
    freedomain: '', freedomainpaymentterms: '', freedomaintlds: '', recurringcycles: 0, autoterminatedays: 0, autoterminateemail: 0, configoptionsupgrade: 0, billingcycleupgrade: '', upgradeemail: 0,
    overagesenabled: '', overagesdisklimit: 0, overagesbwlimit: 0, overagesdiskprice: '0.0000', overagesbwprice: '0.0000', tax: 1, affiliateonetime: 0, affiliatepaytype: '', affiliatepayamount: '0.00',
    order, retired: 0, is_featured: 0, created_at: ts, updated_at: ts,
  });
}

/** One INSERT per row through `insert`, which returns the new id: the shape of a PHP addon's loop. */
async function rowByRow(items: PlanItem[], currencies: number[], insert: (table: string, row: Record<string, string | number | null>) => Promise<number>): Promise<void> {
  const ts = now();
  const gid = await insert('tblproductgroups', { name: 'Bench', slug: 'bench', headline: null, tagline: null, orderfrmtpl: '', disabledgateways: '', hidden: 0, order: 2, created_at: ts, updated_at: ts });
  let order = 0;
  for (const item of items) {
    const pid = await insert('tblproducts', productRow(item, gid, ++order, ts));
    for (const currency of currencies) await insert('tblpricing', { type: 'product', currency, relid: pid, ...priceColumns(item, item.prices, currency, '-1.00') });
    if (!item.san) continue;
    const group = await insert('tblproductconfiggroups', { name: `${item.name} — additional domains`, description: item.key });
    const option = await insert('tblproductconfigoptions', { gid: group, optionname: SAN_OPTION_NAME, optiontype: '4', qtyminimum: 0, qtymaximum: item.san.max, order: 0, hidden: 0 });
    const sub = await insert('tblproductconfigoptionssub', { configid: option, optionname: 'Additional domain', sortorder: 0, hidden: 0 });
    await insert('tblproductconfiglinks', { gid: group, pid });
    for (const currency of currencies) await insert('tblpricing', { type: 'configoptions', currency, relid: sub, ...priceColumns(item, item.san.prices, currency, '0.00') });
  }
}

/** Baseline: one query per row (client-side escaping), in one transaction. */
async function baselineQuery(f: Fixture, items: PlanItem[]): Promise<void> {
  await f.db.transaction().execute((trx) =>
    rowByRow(items, f.currencies, async (table, row) => Number((await trx.insertInto(table as 'tblpricing').values(row as never).executeTakeFirstOrThrow()).insertId)),
  );
}

/** Baseline: server-side prepare + execute + close per row, as PDO with native prepares does. */
async function baselinePrepared(f: Fixture, items: PlanItem[]): Promise<number> {
  const conn = await f.pool.promise().getConnection();
  let statements = 0;
  try {
    await conn.beginTransaction();
    await rowByRow(items, f.currencies, async (table, row) => {
      const columns = Object.keys(row);
      // A unique text per row keeps mysql2 from reusing a statement: PDO prepares every query.
      const stmt = await conn.prepare(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) /* ${statements} */`);
      try {
        const [res] = await stmt.execute(columns.map((c) => row[c]));
        statements++;
        return (res as { insertId: number }).insertId;
      } finally {
        stmt.close();
      }
    });
    await conn.commit();
  } finally {
    conn.release();
  }
  return statements;
}

/** Baseline re-price: find each product's rows, then one UPDATE per row. */
async function baselineUpdate(trx: Transaction<Database>, items: PlanItem[], currencies: number[]): Promise<void> {
  for (const item of items) {
    const pid = (await trx.selectFrom('tblproducts').select('id').where('servertype', '=', 'certbridge').where('configoption1', '=', item.supplier).where('configoption2', '=', item.productId).executeTakeFirstOrThrow()).id;
    await trx.updateTable('tblproducts').set({ updated_at: now() }).where('id', '=', pid).execute();
    for (const currency of currencies) {
      await trx.updateTable('tblpricing').set(priceColumns(item, item.prices, currency, '-1.00')).where('type', '=', 'product').where('relid', '=', pid).where('currency', '=', currency).execute();
    }
    if (!item.san) continue;
    const sub = await trx.selectFrom('tblproductconfiglinks as l').innerJoin('tblproductconfigoptions as o', 'o.gid', 'l.gid').innerJoin('tblproductconfigoptionssub as s', 's.configid', 'o.id').select('s.id').where('l.pid', '=', pid).executeTakeFirstOrThrow();
    for (const currency of currencies) {
      await trx.updateTable('tblpricing').set(priceColumns(item, item.san.prices, currency, '0.00')).where('type', '=', 'configoptions').where('relid', '=', sub.id).where('currency', '=', currency).execute();
    }
  }
}

// ---- measuring ---------------------------------------------------------------------------------

async function shapeOf(db: Kysely<Database>): Promise<string> {
  const n = async (t: 'tblproducts' | 'tblpricing' | 'tblproductconfigoptionssub') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return `${await n('tblproducts')} products, ${await n('tblpricing')} price rows, ${await n('tblproductconfigoptionssub')} SAN choices`;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Sides {
  query: Fixture;
  prepared: Fixture;
  ours: Fixture;
}

/** One first import on every side (in `order`), then one re-apply on the query baseline and ours. */
async function round(count: number, sides: Sides, order: (keyof Sides)[]) {
  const plan = (f: Fixture, rules: PricingRules, group: ApplyRequest['group']) => f.previewer.importPlan(request(count, rules, group).products, rules);
  const out = { query: 0, prepared: 0, ours: 0, queryUpdate: 0, oursUpdate: 0, statements: { query: 0, prepared: 0, ours: 0 } };
  let applied: ApplyResponse | undefined;
  for (const side of order) {
    const f = sides[side];
    const before = f.counter.statements;
    if (side === 'ours') {
      const [ms, res] = await timed(() => f.wizard.applyImport(request(count, RULES, { newName: 'Bench' }), ADMIN));
      if (res.created !== count) throw new Error(`ours created ${res.created} products`);
      applied = res;
      out.ours = ms;
      out.statements.ours = f.counter.statements - before;
    } else if (side === 'query') {
      [out.query] = await timed(async () => baselineQuery(f, (await plan(f, RULES, { newName: 'Bench' })).items));
      out.statements.query = f.counter.statements - before;
    } else {
      const [ms, statements] = await timed(async () => baselinePrepared(f, (await plan(f, RULES, { newName: 'Bench' })).items));
      out.prepared = ms;
      out.statements.prepared = f.counter.statements - before + statements;
    }
  }
  const shapes = await Promise.all([shapeOf(sides.query.db), shapeOf(sides.prepared.db), shapeOf(sides.ours.db)]);
  if (new Set(shapes).size !== 1) throw new Error(`the sides wrote different rows: ${shapes.join(' / ')}`);

  for (const side of order.filter((s) => s !== 'prepared')) {
    const f = sides[side];
    if (side === 'ours') {
      const [ms, res] = await timed(() => f.wizard.applyImport(request(count, REPRICE, { existingId: applied!.groupId }), ADMIN));
      if (res.updated !== count) throw new Error(`ours updated ${res.updated} products`);
      out.oursUpdate = ms;
    } else {
      [out.queryUpdate] = await timed(async () => {
        const items = (await plan(f, REPRICE, { existingId: 2 })).items;
        await f.db.transaction().execute((trx) => baselineUpdate(trx, items, f.currencies));
      });
    }
  }
  if ((await shapeOf(sides.ours.db)) !== shapes[0]) throw new Error('re-apply changed row counts');
  return { ...out, shape: shapes[0] };
}

async function withSides<T>(supplier: MemorySupplier, work: (sides: Sides) => Promise<T>): Promise<T> {
  const sides: Sides = { query: await fixture('bench_apply_query', supplier), prepared: await fixture('bench_apply_prep', supplier), ours: await fixture('bench_apply_ours', supplier) };
  try {
    return await work(sides);
  } finally {
    for (const f of Object.values(sides)) await f.close();
  }
}

export async function benchApply(): Promise<void> {
  // Warm-up: every code path once on a small catalogue, not recorded.
  await withSides(new MemorySupplier('bench', 'Bench CA', catalogue(100)), (sides) => round(100, sides, ['query', 'prepared', 'ours']));

  const supplier = new MemorySupplier('bench', 'Bench CA', catalogue(PRODUCTS));
  const orders: (keyof Sides)[][] = [['query', 'prepared', 'ours'], ['ours', 'query', 'prepared'], ['prepared', 'ours', 'query']];
  const results: Awaited<ReturnType<typeof round>>[] = [];
  for (let r = 0; r < ROUNDS; r++) results.push(await withSides(supplier, (sides) => round(PRODUCTS, sides, orders[r % orders.length])));

  const m = (pick: (x: (typeof results)[number]) => number) => median(results.map(pick));
  printTable(
    `Import apply, ${PRODUCTS} products × 3 terms × 5 currencies with SAN options (${results[0].shape}); median of ${ROUNDS} rounds, each side on a fresh database; baselines write one row per statement in one transaction`,
    [
      { metric: 'import, 1 query per row', baseline: m((x) => x.query), ours: m((x) => x.ours), unit: 'ms', target: '≤ 0.10× (≥ 10× faster); ours < 2000 ms' },
      { metric: 'import, PDO prepare per row', baseline: m((x) => x.prepared), ours: m((x) => x.ours), unit: 'ms', target: '≤ 0.10×' },
      { metric: 're-apply, 1 query per row', baseline: m((x) => x.queryUpdate), ours: m((x) => x.oursUpdate), unit: 'ms' },
      { metric: 'statements sent, import', baseline: m((x) => x.statements.query), ours: m((x) => x.statements.ours), unit: '' },
    ],
  );
}
