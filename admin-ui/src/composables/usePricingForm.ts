/**
 * The pricing rules form: default margin (percent or fixed amount), per-product overrides,
 * minimum profit, rounding and the currency safety buffer. Checked field by field before
 * anything is sent; the server checks again and its field errors land on the same keys.
 */
import { computed, reactive } from 'vue';
import type { Margin, PricingRules, Rounding } from '../../../server/admin/api-types';
import { decimalError, normaliseDecimal } from './decimal';

export const ROUNDINGS: { value: Rounding; label: string }[] = [
  { value: 'none', label: 'No rounding' },
  { value: '.00', label: 'Ends in .00' },
  { value: '.49', label: 'Ends in .49' },
  { value: '.50', label: 'Ends in .50' },
  { value: '.95', label: 'Ends in .95' },
  { value: '.99', label: 'Ends in .99' },
  { value: 'whole', label: 'Whole number' },
];

export interface MarginInput {
  kind: Margin['kind'];
  value: string;
}

export interface PricingFormState {
  margin: MarginInput;
  /** "supplier:id" → override; value '' means "use the default margin". */
  overrides: Record<string, MarginInput>;
  minimumProfit: string;
  rounding: Rounding;
  currencyBufferPercent: string;
}

export function defaultPricing(): PricingFormState {
  return { margin: { kind: 'percent', value: '30' }, overrides: {}, minimumProfit: '0', rounding: '.99', currencyBufferPercent: '2' };
}

/** Negative margins are allowed (loss leaders): the preview then shows loss rows to acknowledge. */
function marginError(m: MarginInput, what: string): string | null {
  return m.kind === 'percent'
    ? decimalError(m.value, { label: `${what} in percent`, min: -99.99, max: 1000, decimals: 2 })
    : decimalError(m.value, { label: `${what} as an amount`, min: -100000, max: 100000, decimals: 2 });
}

/** Field key → message. Keys: margin, minimumProfit, currencyBufferPercent, overrides.<key>. */
export function pricingErrors(form: PricingFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  const margin = marginError(form.margin, 'the default margin');
  if (margin) errors.margin = margin;
  for (const [key, o] of Object.entries(form.overrides)) {
    if (o.value.trim() === '') continue;
    const e = marginError(o, 'this margin');
    if (e) errors[`overrides.${key}`] = e;
  }
  const minimum = decimalError(form.minimumProfit, { label: 'the minimum profit', min: 0, max: 100000, decimals: 2 });
  if (minimum) errors.minimumProfit = minimum;
  const buffer = decimalError(form.currencyBufferPercent, { label: 'the currency buffer', min: 0, max: 100, decimals: 2 });
  if (buffer) errors.currencyBufferPercent = buffer;
  return errors;
}

/** The rules sent to the server; overrides left empty are dropped. */
export function toRules(form: PricingFormState, onlyKeys?: Set<string>): PricingRules {
  const overrides: Record<string, Margin> = {};
  for (const [key, o] of Object.entries(form.overrides)) {
    if (o.value.trim() !== '' && (!onlyKeys || onlyKeys.has(key))) overrides[key] = { kind: o.kind, value: normaliseDecimal(o.value) };
  }
  return {
    margin: { kind: form.margin.kind, value: normaliseDecimal(form.margin.value) },
    overrides,
    minimumProfit: normaliseDecimal(form.minimumProfit),
    rounding: form.rounding,
    currencyBufferPercent: normaliseDecimal(form.currencyBufferPercent),
  };
}

export function usePricingForm() {
  const form = reactive<PricingFormState>(defaultPricing());
  const errors = computed(() => pricingErrors(form));
  const valid = computed(() => Object.keys(errors.value).length === 0);

  /** Gives every listed product an (empty) override row to bind the inputs to; keeps typed values. */
  function ensureOverrides(keys: string[]): void {
    for (const key of keys) {
      if (!form.overrides[key]) form.overrides[key] = { kind: 'percent', value: '' };
    }
  }

  return { form, errors, valid, ensureOverrides };
}
