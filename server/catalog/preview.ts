/**
 * Builds an import or re-price plan: which catalogue products, which WHMCS product each one
 * already is (if any), every new price per term and currency from the pricing engine, and the
 * preview the admin reviews (current vs new sell price, loss rows, blocking problems).
 * The same plan feeds product-writer.ts on apply, so what is applied is what was previewed
 * from the same inputs. Called by server/admin/wizard.ts.
 * Errors: AppError('invalid_request') naming `products[i]` / `pids[i]` for a product that is
 * not in its supplier's catalogue or not a certbridge product; supplier_error when a catalogue
 * has to be loaded first and the supplier fails. Data problems (currency rates, margins,
 * missing terms) are not errors but `problems` in the preview.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { PreviewResponse, PriceRow, PricingRules } from '../admin/api-types';
import { AppError } from '../http/errors';
import type { CatalogueLoader } from './catalogue-loader';
import type { StoredCatalogue, StoredProduct } from './catalogue-store';
import { whmcsCurrencies } from './currencies';
import { describeProduct } from './describe';
import { importedProducts, productKey, sanOptions, type ImportedProduct } from './imported';
import { formatCents } from './money';
import { checkCurrencies, Pricer, type PricedCell, type Problem, type Term } from './pricing';
import { currentPrice, existingPrices, priceKey, type ExistingPriceRow } from './whmcs-pricing';

export interface PlanItem {
  key: string;
  supplier: string;
  productId: string;
  /** The catalogue's name for a new product; WHMCS's (possibly renamed) name for an existing one. */
  name: string;
  description: string;
  existing: ImportedProduct | null;
  terms: Term[];
  prices: PricedCell[];
  /** Extra names beyond the included ones: how many a client may add and the price of each. */
  san: { max: number; prices: PricedCell[] } | null;
}

export interface Plan {
  items: PlanItem[];
  /** Blocking problems, each naming its field; apply refuses while there is any. */
  problems: Problem[];
  lossCount: number;
  firstLoss?: { name: string; months: number; currency: string; newSell: string; cost: string };
  newProducts: number;
  updatedProducts: number;
  /** Every WHMCS currency; all are priced (apply is refused while one cannot be). */
  currencyIds: number[];
}

interface Entry {
  product: StoredProduct;
  existing: ImportedProduct | null;
}

/** "supplier:id" → catalogue product, for every loaded catalogue. */
function byId(catalogues: Map<string, StoredCatalogue>): Map<string, StoredProduct> {
  const out = new Map<string, StoredProduct>();
  for (const c of catalogues.values()) for (const p of c.products) out.set(productKey(c.supplier, p.id), p);
  return out;
}

export class Previewer {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly loader: CatalogueLoader,
  ) {}

  /** Import: products chosen from the stored catalogues, new or already imported. */
  async importPlan(products: { supplier: string; id: string }[], rules: PricingRules): Promise<Plan> {
    const codes = [...new Set(products.map((p) => p.supplier))];
    const catalogues = await this.loader.stored(codes);
    const imported = await importedProducts(this.db, codes);
    const index = byId(catalogues);
    const entries = products.map((ref, i): Entry => {
      const catalogue = catalogues.get(ref.supplier)!;
      const product = index.get(productKey(ref.supplier, ref.id));
      if (!product) {
        throw new AppError('invalid_request', `${ref.supplier} has no product "${ref.id}" in the catalogue loaded at ${catalogue.loadedAt}; refresh the catalogue and choose again`, `products[${i}].id`);
      }
      return { product, existing: imported.get(productKey(ref.supplier, ref.id)) ?? null };
    });
    return this.build(entries, rules);
  }

  /** Re-price: WHMCS products certbridge imported, priced from their supplier's stored catalogue. */
  async repricePlan(pids: number[], rules: PricingRules): Promise<Plan> {
    const rows = pids.length ? await this.db.selectFrom('tblproducts').select(['id', 'gid', 'name', 'servertype', 'configoption1', 'configoption2']).where('id', 'in', pids).execute() : [];
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    pids.forEach((pid, i) => {
      const row = rowsById.get(pid);
      if (!row) throw new AppError('invalid_request', `WHMCS has no product #${pid}`, `pids[${i}]`);
      if (row.servertype !== 'certbridge' || !row.configoption1 || !row.configoption2) {
        throw new AppError('invalid_request', `Product #${pid} is not a certbridge product (its module is "${row.servertype || 'none'}"); only imported products can be re-priced here`, `pids[${i}]`);
      }
    });
    const codes = [...new Set(rows.map((r) => r.configoption1))];
    const catalogues = await this.loader.stored(codes);
    const index = byId(catalogues);
    const entries = pids.map((pid, i): Entry => {
      const row = rowsById.get(pid)!;
      const catalogue = catalogues.get(row.configoption1)!;
      const product = index.get(productKey(row.configoption1, row.configoption2));
      if (!product) {
        throw new AppError('invalid_request', `Product #${pid} sells ${row.configoption1} product "${row.configoption2}", which is not in the catalogue loaded at ${catalogue.loadedAt}; refresh the catalogue, or leave it out`, `pids[${i}]`);
      }
      return { product, existing: { pid, gid: row.gid, name: row.name, supplier: row.configoption1, productId: row.configoption2 } };
    });
    return this.build(entries, rules);
  }

  private async build(entries: Entry[], rules: PricingRules): Promise<Plan> {
    const currencies = await whmcsCurrencies(this.db);
    const problems: Problem[] = [...checkCurrencies(currencies).problems];
    const pricer = new Pricer(rules, currencies);
    const items: PlanItem[] = [];
    for (const { product, existing } of entries) {
      const key = productKey(product.supplier, product.id);
      const name = existing?.name || product.name;
      const sellsExtra = product.maxDomains > product.includedDomains;
      const priced = pricer.price({ key, name, prices: product.prices, extraDomainPrices: product.extraDomainPrices, sellsExtraDomains: sellsExtra });
      problems.push(...priced.problems);
      items.push({
        key,
        supplier: product.supplier,
        productId: product.id,
        name,
        description: describeProduct(product),
        existing,
        terms: priced.terms,
        prices: priced.product,
        san: sellsExtra ? { max: product.maxDomains - product.includedDomains, prices: priced.extraDomain } : null,
      });
    }
    const seen = new Set<string>();
    const unique = problems.filter((p) => {
      const k = `${p.field}\n${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    let lossCount = 0;
    let firstLoss: Plan['firstLoss'];
    for (const item of items) {
      for (const cell of [...item.prices, ...(item.san?.prices ?? [])]) {
        if (!cell.loss) continue;
        lossCount++;
        firstLoss ??= { name: item.name, months: cell.months, currency: cell.currency, newSell: formatCents(cell.sellCents), cost: formatCents(cell.costCents) };
      }
    }
    return {
      items,
      problems: unique,
      lossCount,
      firstLoss,
      newProducts: items.filter((i) => !i.existing).length,
      updatedProducts: items.filter((i) => i.existing).length,
      currencyIds: currencies.map((c) => c.id),
    };
  }

  /** The admin's view of a plan: every new price next to today's WHMCS price. */
  async preview(plan: Plan): Promise<PreviewResponse> {
    const pids = plan.items.flatMap((i) => (i.existing ? [i.existing.pid] : []));
    const [currentProduct, sans] = await Promise.all([existingPrices(this.db, 'product', pids), sanOptions(this.db, pids)]);
    const currentSan = await existingPrices(this.db, 'configoptions', [...sans.values()].flatMap((s) => (s.subId ? [s.subId] : [])));
    const rows: PriceRow[] = [];
    for (const item of plan.items) {
      const san = item.existing ? sans.get(item.existing.pid) : undefined;
      const row = (cell: PricedCell, kind: 'certificate' | 'extraDomain', current: Map<string, ExistingPriceRow[]>, relid: number | undefined): PriceRow => ({
        key: item.key,
        name: kind === 'certificate' ? item.name : `${item.name} — each additional domain`,
        months: cell.months,
        currency: cell.currency,
        cost: formatCents(cell.costCents),
        currentSell: relid === undefined ? null : currentPrice(current.get(priceKey(relid, cell.currencyId)), cell.months),
        newSell: formatCents(cell.sellCents),
        profit: formatCents(cell.profitCents),
        loss: cell.loss,
        item: kind,
      });
      for (const cell of item.prices) rows.push(row(cell, 'certificate', currentProduct, item.existing?.pid));
      for (const cell of item.san?.prices ?? []) rows.push(row(cell, 'extraDomain', currentSan, san?.subId ?? undefined));
    }
    return { rows, lossCount: plan.lossCount, newProducts: plan.newProducts, updatedProducts: plan.updatedProducts, problems: plan.problems };
  }
}
