/**
 * The pricing engine: a supplier's cost per term → a sell price per WHMCS currency and term.
 * Pure (no I/O); called by preview.ts for the import wizard and bulk re-price. It never
 * throws for bad data: every problem comes back in `problems`, naming the field the admin
 * must fix (a currency's rate, a margin, a product), and blocks apply.
 *
 * The rules, in order, for one product, term and WHMCS currency C:
 *  1. Cost in C. WHMCS rates are "units of this currency per 1 default currency", so a cost
 *     in supplier currency S converts as cost × rate(C) / rate(S). When C ≠ S the result is
 *     raised by the safety buffer (currencyBufferPercent) to absorb rate moves until the
 *     next re-price. S must itself be a WHMCS currency (it is the only rate we have).
 *     Rounded UP to the cent; this is the `cost` shown and the one loss is judged against.
 *  2. Margin (the product's override, else the default), added to that cost:
 *     percent = markup on cost (35 → cost × 1.35); fixed = an amount in the default currency
 *     PER YEAR of the term (10.00 → +10.00 for 12 months, +20.00 for 24), converted into C.
 *     Negative margins are allowed (loss leaders) and show up as loss rows.
 *  3. Minimum profit (default currency, per year of the term, converted into C): when
 *     sell − cost is below it, sell = cost + minimum. Applied before rounding, so rounding
 *     can only add to it.
 *  4. Rounding, always upwards to the smallest price ≥ the amount that has the ending:
 *     'none' = to the cent; '.00' and 'whole' = next whole unit (12.01 → 13.00, 12.00 stays);
 *     '.49' / '.50' / '.95' / '.99' = next price ending in those cents (12.10 → 12.49,
 *     12.60 → 13.49, 12.49 stays).
 *  5. Loss = sell < cost (only possible with a negative margin and no minimum profit).
 * Additional-domain (SAN) prices follow steps 1, 2, 4 and 5 per name; the minimum profit is
 * a per-certificate floor and does not apply to them.
 *
 * Money is integer cents; conversion and margins use exact fractions (money.ts).
 */
import type { Margin, PricingRules, Rounding } from '../admin/api-types';
import { add, ceilCents, div, mul, parseDecimal, ratio, reduce, type Ratio } from './money';

/** The terms WHMCS's annually/biennially/triennially columns can sell. */
export const TERMS = [12, 24, 36] as const;
export type Term = (typeof TERMS)[number];

export interface Problem {
  field: string;
  message: string;
}

export interface PricingCurrency {
  id: number;
  code: string;
  rate: string; // decimal string from tblcurrencies.rate
  isDefault: boolean;
}

export interface CostLine {
  months: number;
  cost: string;
  currency: string;
}

export interface PricingInput {
  key: string; // "supplier:id"
  name: string;
  prices: CostLine[];
  extraDomainPrices: CostLine[];
  /** True when the product sells names beyond those included (maxDomains > includedDomains). */
  sellsExtraDomains: boolean;
}

export interface PricedCell {
  months: Term;
  currencyId: number;
  currency: string;
  costCents: number;
  sellCents: number;
  profitCents: number;
  loss: boolean;
}

export interface PricedProduct {
  key: string;
  terms: Term[];
  product: PricedCell[];
  extraDomain: PricedCell[];
  problems: Problem[];
}

interface Rate {
  currency: PricingCurrency;
  rate: Ratio;
}

/** Currencies whose rate is usable, and a problem for each that is not (or a missing default). */
export function checkCurrencies(currencies: PricingCurrency[]): { usable: Rate[]; problems: Problem[] } {
  const usable: Rate[] = [];
  const problems: Problem[] = [];
  for (const c of currencies) {
    let rate: Ratio | undefined;
    try {
      rate = parseDecimal(c.rate);
    } catch {
      rate = undefined;
    }
    if (!rate || rate.n <= 0n) {
      problems.push({
        field: `currencies.${c.code}.rate`,
        message: `WHMCS currency ${c.code} has exchange rate ${c.rate || '(none)'}: prices cannot be converted into it. Set its rate under Setup → Payments → Currencies (or update exchange rates), then preview again.`,
      });
      continue;
    }
    usable.push({ currency: c, rate });
  }
  if (!currencies.some((c) => c.isDefault)) {
    problems.push({ field: 'currencies', message: 'WHMCS has no default currency (tblcurrencies.default = 1): margins and minimum profit are given in it. Mark one currency as the default.' });
  }
  return { usable, problems };
}

/** Step 4 of the rules: the smallest amount ≥ cents with the ending. */
export function applyRounding(cents: number, rounding: Rounding): number {
  if (rounding === 'none') return cents;
  if (rounding === 'whole' || rounding === '.00') return Math.ceil(cents / 100) * 100;
  const ending = { '.49': 49, '.50': 50, '.95': 95, '.99': 99 }[rounding];
  const candidate = Math.floor(cents / 100) * 100 + ending;
  return candidate >= cents ? candidate : candidate + 100;
}

/**
 * One pricing run: rates, buffer and minimum parsed once, conversion factors and per-term
 * amounts cached, so a thousand products price in milliseconds. price() is pure per product.
 */
export class Pricer {
  private readonly usable: Rate[];
  private readonly byCode: Map<string, Rate>;
  private readonly known: Set<string>;
  private readonly defaultRate: Ratio | undefined;
  private readonly buffer: Ratio | undefined;
  private readonly minimumProfit: Ratio | undefined;
  private readonly cache = new Map<string, Ratio | number>();

  constructor(
    private readonly rules: PricingRules,
    currencies: PricingCurrency[],
  ) {
    this.usable = checkCurrencies(currencies).usable;
    this.byCode = new Map(this.usable.map((r) => [r.currency.code.toUpperCase(), r]));
    this.known = new Set(currencies.map((c) => c.code.toUpperCase()));
    this.defaultRate = this.usable.find((r) => r.currency.isDefault)?.rate;
    try {
      this.buffer = parseDecimal(rules.currencyBufferPercent);
      this.minimumProfit = parseDecimal(rules.minimumProfit);
    } catch {
      this.buffer = this.minimumProfit = undefined;
    }
  }

  private cached<T extends Ratio | number>(key: string, make: () => T): T {
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) this.cache.set(key, (v = make()));
    return v;
  }

  /** rate(target) / rate(source), times (1 + buffer%) when the currencies differ. */
  private factor(source: Rate, target: Rate): Ratio {
    return this.cached(`f:${source.currency.id}:${target.currency.id}`, () => {
      const f = div(target.rate, source.rate);
      return reduce(source.currency.id === target.currency.id ? f : mul(f, add(ratio(1), div(this.buffer!, ratio(100)))));
    });
  }

  /** An amount in the default currency per year → cents of `target` for `months`. */
  private perYear(amount: string, parsed: Ratio, target: Rate, months: Term): number {
    return this.cached(`y:${amount}:${target.currency.id}:${months}`, () => ceilCents(div(mul(mul(parsed, ratio(months, 12)), target.rate), this.defaultRate!)));
  }

  private percentFactor(value: string, parsed: Ratio): Ratio {
    return this.cached(`p:${value}`, () => reduce(add(ratio(1), div(parsed, ratio(100)))));
  }

  price(input: PricingInput): PricedProduct {
    const { rules } = this;
    const problems: Problem[] = [];
    const out: PricedProduct = { key: input.key, terms: [], product: [], extraDomain: [], problems };
    const productField = `products.${input.key}`;

    const override = Object.hasOwn(rules.overrides, input.key) ? rules.overrides[input.key] : undefined;
    const margin: Margin = override ?? rules.margin;
    const marginField = override ? `rules.overrides.${input.key}.value` : 'rules.margin.value';
    let marginValue: Ratio;
    try {
      marginValue = parseDecimal(margin.value);
    } catch {
      problems.push({ field: marginField, message: `The margin "${margin.value}" for ${input.name} is not a decimal number` });
      return out;
    }
    if (margin.kind === 'percent' && marginValue.n <= -100n * marginValue.d) {
      problems.push({ field: marginField, message: `A margin of ${margin.value}% would sell ${input.name} for nothing or less; use more than -100` });
      return out;
    }
    if (!this.buffer || !this.minimumProfit) {
      problems.push({ field: 'rules', message: 'minimumProfit and currencyBufferPercent must be decimal numbers' });
      return out;
    }
    if (!this.defaultRate) return out; // reported once by checkCurrencies

    const termLines = (lines: CostLine[], what: string) => {
      const map = new Map<Term, { cost: Ratio; currency: string }>();
      for (const line of lines) {
        if (!(TERMS as readonly number[]).includes(line.months) || map.has(line.months as Term)) continue;
        let cost: Ratio;
        try {
          cost = parseDecimal(line.cost);
        } catch {
          problems.push({ field: productField, message: `${input.name}: the supplier's ${what} cost "${line.cost}" for ${line.months} months is not a decimal number; refresh the catalogue` });
          continue;
        }
        if (cost.n < 0n) {
          problems.push({ field: productField, message: `${input.name}: the supplier's ${what} cost for ${line.months} months is negative (${line.cost})` });
          continue;
        }
        map.set(line.months as Term, { cost, currency: line.currency.toUpperCase() });
      }
      return map;
    };

    const base = termLines(input.prices, 'certificate');
    out.terms = TERMS.filter((t) => base.has(t));
    if (!out.terms.length) {
      if (!problems.length) problems.push({ field: productField, message: `${input.name} has no 12-, 24- or 36-month price, the only terms WHMCS's yearly billing cycles can sell` });
      return out;
    }
    const extra = input.sellsExtraDomains ? termLines(input.extraDomainPrices, 'additional-domain') : new Map<Term, { cost: Ratio; currency: string }>();
    if (input.sellsExtraDomains) {
      const missing = out.terms.filter((t) => !extra.has(t));
      if (missing.length) problems.push({ field: productField, message: `${input.name} sells additional domains but the supplier gave no price for one for ${missing.join('/')} months` });
    }

    const minimum = this.minimumProfit.n > 0n ? this.minimumProfit : undefined;
    const percent = margin.kind === 'percent' ? this.percentFactor(margin.value, marginValue) : undefined;
    const missingCurrencies = new Set<string>();
    const cell = (months: Term, line: { cost: Ratio; currency: string }, target: Rate, withMinimum: boolean): PricedCell | undefined => {
      const source = this.byCode.get(line.currency);
      if (!source) {
        // A WHMCS currency with an unusable rate is reported by checkCurrencies; only unknown codes here.
        if (!this.known.has(line.currency)) missingCurrencies.add(line.currency);
        return undefined;
      }
      // Step 1: cost in the target currency, buffered when converted.
      const costCents = ceilCents(mul(line.cost, this.factor(source, target)));
      // Step 2: margin.
      let sellCents = percent ? ceilCents(mul(ratio(costCents, 100), percent)) : costCents + this.perYear(margin.value, marginValue, target, months);
      // Step 3: minimum profit, before rounding.
      if (withMinimum && minimum) {
        const minCents = this.perYear(rules.minimumProfit, minimum, target, months);
        if (sellCents - costCents < minCents) sellCents = costCents + minCents;
      }
      // Step 4: rounding (upwards only).
      sellCents = applyRounding(sellCents, rules.rounding);
      return { months, currencyId: target.currency.id, currency: target.currency.code, costCents, sellCents, profitCents: sellCents - costCents, loss: sellCents < costCents };
    };

    for (const months of out.terms) {
      for (const target of this.usable) {
        const p = cell(months, base.get(months)!, target, true);
        if (p) out.product.push(p);
        const e = extra.get(months);
        const x = e ? cell(months, e, target, false) : undefined;
        if (x) out.extraDomain.push(x);
      }
    }
    for (const code of missingCurrencies) {
      problems.push({ field: `currencies.${code}`, message: `${input.name} costs are in ${code}, which is not a WHMCS currency, so they cannot be converted. Add ${code} with its exchange rate under Setup → Payments → Currencies.` });
    }
    for (const p of [...out.product, ...out.extraDomain]) {
      if (p.sellCents <= 0) {
        problems.push({ field: marginField, message: `${input.name} would sell for ${p.sellCents / 100} ${p.currency} (${p.months} months); a price must be above zero` });
        break;
      }
    }
    return out;
  }
}

/** One product priced on its own (tests, small callers); preview.ts uses one Pricer per run. */
export function priceProduct(input: PricingInput, rules: PricingRules, currencies: PricingCurrency[]): PricedProduct {
  return new Pricer(rules, currencies).price(input);
}
