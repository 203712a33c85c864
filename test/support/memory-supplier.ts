/**
 * An in-memory supplier for admin wizard tests and the apply benchmark: a fixed catalogue,
 * an optional failure on listProducts (to test a supplier failing mid-load), nothing else.
 * Not protocol-faithful (that is test/fakes/); it only feeds the catalogue.
 */
import type { Capabilities, OrderState, Supplier, SupplierProduct } from '../../server/suppliers/supplier';
import { SupplierError } from '../../server/suppliers/errors';

const NONE: Capabilities = { reissue: false, renew: false, cancel: false, revoke: false, resendValidation: false, changeValidation: false, balance: false };

export class MemorySupplier implements Supplier {
  readonly capabilities = NONE;
  /** When set, listProducts throws this message as a transient SupplierError. */
  failWith: string | null = null;
  listCalls = 0;

  constructor(
    readonly code: string,
    readonly displayName: string,
    public products: SupplierProduct[],
  ) {}

  async listProducts(): Promise<SupplierProduct[]> {
    this.listCalls++;
    if (this.failWith) throw new SupplierError(this.code, 'temporary', 'transient', this.failWith);
    return structuredClone(this.products);
  }

  private unsupported(): never {
    throw new SupplierError(this.code, 'unsupported', 'permanent', `${this.displayName} is a catalogue-only test supplier`);
  }
  async approverEmails(): Promise<string[]> {
    this.unsupported();
  }
  async placeOrder(): Promise<OrderState> {
    this.unsupported();
  }
  async getOrder(): Promise<OrderState> {
    this.unsupported();
  }
  async checkConnection(): Promise<{ detail: string }> {
    return { detail: 'in memory' };
  }
}

/** A catalogue product with sensible defaults; prices given as [months, cost] in `currency`. */
export function memoryProduct(id: string, over: Partial<SupplierProduct> & { cost?: [number, string][]; san?: [number, string][]; currency?: string } = {}): SupplierProduct {
  const currency = over.currency ?? 'USD';
  const { cost, san, currency: _c, ...rest } = over;
  return {
    id,
    name: `Product ${id}`,
    brand: 'Acme CA',
    validation: 'DV',
    wildcard: false,
    includedDomains: 1,
    maxDomains: san ? 50 : 1,
    dcvMethods: ['email', 'dns_txt'],
    prices: (cost ?? [[12, '10.00']]).map(([months, amount]) => ({ months, cost: { amount, currency } })),
    ...(san ? { extraDomainPrices: san.map(([months, amount]) => ({ months, cost: { amount, currency } })) } : {}),
    ...rest,
  };
}
