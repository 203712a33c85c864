/**
 * Reference data the wizard shows before anything is chosen: suppliers (with what each can
 * do and whether it is usable now), WHMCS currencies, product groups, and the products
 * certbridge imported (the bulk re-price list). Read only. Called by routes.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { SupplierRegistry } from '../suppliers/registry';
import { whmcsCurrencies } from '../catalog/currencies';
import type { CurrencyInfo, ImportedProductInfo, ProductGroupInfo, SupplierInfo } from './api-types';

export class ReferenceData {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly suppliers: SupplierRegistry,
  ) {}

  async suppliersList(): Promise<SupplierInfo[]> {
    // Only code, enabled and mode: credentials are not decrypted just to list suppliers.
    const stored = await this.db.selectFrom('mod_certbridge_supplier_settings').select(['code', 'enabled', 'mode']).execute();
    const live = new Map(this.suppliers.all().map((s) => [s.code, s]));
    const definitions = this.suppliers.definitionsList();
    const out: SupplierInfo[] = [];
    for (const s of live.values()) {
      if (definitions.some((d) => d.code === s.code)) continue;
      out.push({
        code: s.code,
        displayName: s.displayName,
        configured: true,
        mode: 'builtin',
        testSystem: { available: true, note: 'Built into certbridge: issues real X.509 certificates from its own test root, trusted by nobody else.' },
        capabilities: { ...s.capabilities },
      });
    }
    for (const d of definitions) {
      const settings = stored.find((x) => x.code === d.code);
      out.push({
        code: d.code,
        displayName: d.displayName,
        configured: live.has(d.code),
        mode: settings ? (settings.mode === 'live' ? 'live' : 'test') : d.testSystem.available ? 'test' : 'live',
        testSystem: { ...d.testSystem },
        capabilities: { ...d.capabilities },
      });
    }
    return out;
  }

  async currencies(): Promise<CurrencyInfo[]> {
    return (await whmcsCurrencies(this.db)).map(({ id, code, prefix, suffix, rate, isDefault }) => ({ id, code, prefix, suffix, rate, isDefault }));
  }

  async productGroups(): Promise<ProductGroupInfo[]> {
    const rows = await this.db
      .selectFrom('tblproductgroups as g')
      .leftJoin('tblproducts as p', 'p.gid', 'g.id')
      .select((eb) => ['g.id', 'g.name', eb.fn.count<number>('p.id').as('productCount')])
      .groupBy(['g.id', 'g.name'])
      .orderBy('g.order')
      .orderBy('g.id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, productCount: Number(r.productCount) }));
  }

  async importedProducts(): Promise<ImportedProductInfo[]> {
    const rows = await this.db
      .selectFrom('tblproducts as p')
      .leftJoin('tblproductgroups as g', 'g.id', 'p.gid')
      .select(['p.id', 'p.name', 'p.gid', 'g.name as groupName', 'p.configoption1', 'p.configoption2', 'p.hidden', 'p.retired'])
      .where('p.servertype', '=', 'certbridge')
      .orderBy('p.gid')
      .orderBy('p.order')
      .orderBy('p.id')
      .execute();
    return rows.map((r) => ({
      pid: r.id,
      name: r.name,
      groupId: r.gid,
      groupName: r.groupName ?? '',
      supplier: r.configoption1,
      productId: r.configoption2,
      hidden: Number(r.hidden) === 1,
      retired: Number(r.retired) === 1,
    }));
  }
}
