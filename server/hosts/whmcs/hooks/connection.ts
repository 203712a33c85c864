/**
 * TestConnection (WHMCS's button on the server entry) and the loader lists behind the
 * product's Module Settings dropdowns. TestConnection proves the whole path: signature
 * (else the request never got here), database, and every configured supplier.
 */
import { sql } from 'kysely';
import type { HookHandler } from '../hook-context';
import { isSupplierError } from '../../../suppliers/errors';

export const testConnection: HookHandler = async ({ deps }) => {
  await sql`SELECT 1`.execute(deps.db);
  const problems: string[] = [];
  for (const s of deps.suppliers.all()) {
    try {
      await s.checkConnection();
    } catch (e) {
      problems.push(`${s.displayName}: ${isSupplierError(e) ? e.message : (e as Error).message}`);
    }
  }
  if (problems.length) return { result: { success: false, error: `certbridge answered, but ${problems.join('; ')}` } };
  return { result: { success: true } };
};

export const listSuppliers: HookHandler = async ({ deps }) => ({
  result: { options: Object.fromEntries(deps.suppliers.all().map((s) => [s.code, s.displayName])) },
});

export const listProducts: HookHandler = async ({ deps }) => {
  const options: Record<string, string> = {};
  for (const s of deps.suppliers.all()) {
    // Qualified by supplier: product ids of different suppliers can collide.
    for (const p of await deps.catalogue.products(s)) options[`${s.code}:${p.id}`] = `${s.displayName} — ${p.name}`;
  }
  return { result: { options } };
};
