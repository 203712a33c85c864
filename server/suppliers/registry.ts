/**
 * Suppliers by code. Built-in suppliers (the sandbox CA) are always there; the others are
 * built from their definition and the admin's stored settings, and rebuilt by refresh()
 * (at start, after a settings change, and every minute so every instance follows changes).
 * The order service, the hooks and the CLI look suppliers up here and get a clear error for
 * an unknown or disabled code.
 */
import { AppError } from '../http/errors';
import type { Supplier } from './supplier';
import type { SupplierContext, SupplierDefinition } from './definition';
import type { SupplierSettingsStore } from './settings-store';

export class SupplierRegistry {
  private byCode = new Map<string, Supplier>();

  constructor(
    private readonly builtIn: Supplier[],
    private readonly definitions: SupplierDefinition[] = [],
    private readonly settings?: SupplierSettingsStore,
    private readonly context?: SupplierContext,
  ) {
    for (const s of builtIn) this.byCode.set(s.code, s);
  }

  /** Rebuilds the configured suppliers from stored settings. */
  async refresh(): Promise<void> {
    if (!this.settings || !this.context) return;
    const next = new Map<string, Supplier>();
    for (const s of this.builtIn) next.set(s.code, s);
    const stored = await this.settings.all();
    for (const def of this.definitions) {
      const s = stored.find((x) => x.code === def.code);
      if (s?.enabled) next.set(def.code, def.create(s, this.context));
    }
    this.byCode = next;
  }

  definitionsList(): SupplierDefinition[] {
    return this.definitions;
  }

  definition(code: string): SupplierDefinition {
    const d = this.definitions.find((x) => x.code === code);
    if (!d) throw new AppError('not_found', `certbridge knows no supplier "${code}" (known: ${this.definitions.map((x) => x.code).join(', ')})`, 'code');
    return d;
  }

  all(): Supplier[] {
    return [...this.byCode.values()];
  }

  get(code: string): Supplier {
    const s = this.byCode.get(code);
    if (!s) {
      const known = [...this.byCode.keys()].join(', ');
      throw new AppError('invalid_request', `Supplier "${code}" is not configured in certbridge (configured: ${known}). Pick one in the product's Module Settings.`, 'configoption1');
    }
    return s;
  }
}
