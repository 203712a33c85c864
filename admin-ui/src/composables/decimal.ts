/**
 * Checks the decimal numbers admins type (margins, amounts, percentages) before they are
 * sent, with messages that say what is wrong and what is accepted.
 */
export interface DecimalRule {
  label: string;
  min?: number;
  max?: number;
  /** Most digits after the point. */
  decimals?: number;
}

/** Returns an error message, or null when `raw` is a valid decimal under the rule. */
export function decimalError(raw: string, rule: DecimalRule): string | null {
  const value = raw.trim().replace(',', '.');
  if (value === '') return `Enter ${rule.label}.`;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return `${capitalise(rule.label)} must be a number like 12 or 12.50.`;
  const decimals = value.includes('.') ? value.split('.')[1].length : 0;
  if (rule.decimals !== undefined && decimals > rule.decimals) {
    return `${capitalise(rule.label)} may have at most ${rule.decimals} digits after the point.`;
  }
  const n = Number(value);
  if (rule.min !== undefined && n < rule.min) return `${capitalise(rule.label)} must be at least ${rule.min}.`;
  if (rule.max !== undefined && n > rule.max) return `${capitalise(rule.label)} must be at most ${rule.max}.`;
  return null;
}

/** The canonical form sent to the server: trimmed, decimal comma accepted. */
export function normaliseDecimal(raw: string): string {
  return raw.trim().replace(',', '.');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
