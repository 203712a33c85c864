import { describe, expect, it } from 'vitest';
import { productChoice, termMonths } from './whmcs-store';

describe('product module settings', () => {
  it('reads a supplier-qualified product from the Module Settings list', () => {
    expect(productChoice('', 'gogetssl:71')).toEqual({ supplier: 'gogetssl', supplierProduct: '71' });
    expect(productChoice('enom', 'hexonet:COMODO_POSITIVESSL')).toEqual({ supplier: 'hexonet', supplierProduct: 'COMODO_POSITIVESSL' });
  });

  it('reads the supplier from its own setting when the product id is bare', () => {
    expect(productChoice(' sandbox ', ' sandbox-dv-single ')).toEqual({ supplier: 'sandbox', supplierProduct: 'sandbox-dv-single' });
  });

  it('maps billing cycles to certificate terms', () => {
    expect([termMonths('Annually'), termMonths('Biennially'), termMonths('Triennially'), termMonths('Monthly')]).toEqual([12, 24, 36, 12]);
  });
});
