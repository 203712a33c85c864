/**
 * Suppliers by code. Built once in the composition root; the order service, the hooks and
 * the CLI look suppliers up here and get a clear error for an unknown code.
 */
import { AppError } from '../http/errors';
import type { Supplier } from './supplier';

export class SupplierRegistry {
  private readonly byCode = new Map<string, Supplier>();

  constructor(suppliers: Supplier[]) {
    for (const s of suppliers) this.byCode.set(s.code, s);
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
