/**
 * Exact money arithmetic for the pricing engine (pricing.ts): decimal strings in, integer
 * cents out, exact fractions (bigint numerator/denominator) in between, so no stored or
 * compared price ever passes through a binary float. parseDecimal() throws RangeError for
 * anything that is not a plain decimal number; callers turn that into a problem naming
 * the field.
 */

/** An exact non-reduced fraction n/d with d > 0. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

const DECIMAL = /^(-?)(\d{1,15})(?:\.(\d{1,10}))?$/;

export function parseDecimal(text: string): Ratio {
  const m = DECIMAL.exec(String(text).trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
  return { n, d: 10n ** BigInt(frac.length) };
}

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => ({ n: BigInt(n), d: BigInt(d) });
export const mul = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
export const div = (a: Ratio, b: Ratio): Ratio => {
  if (b.n === 0n) throw new RangeError('division by zero');
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
};
export const add = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sign = (a: Ratio): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0);

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
/** The same value with the smallest numerator and denominator (keeps cached factors small). */
export const reduce = (a: Ratio): Ratio => {
  const g = gcd(a.n, a.d);
  return g > 1n ? { n: a.n / g, d: a.d / g } : a;
};

/** The smallest whole number of cents ≥ the amount: costs and prices never round down. */
export function ceilCents(amount: Ratio): number {
  const n = amount.n * 100n;
  const q = n / amount.d; // truncates toward zero
  const up = n % amount.d !== 0n && n > 0n ? 1n : 0n;
  return Number(q + up);
}

/** Cents → "12.34" (two decimals, as WHMCS's decimal(16,2) columns hold them). */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** "12.3" / "12.34" / "-1.00" (a decimal from MySQL) → cents. Throws RangeError for a fraction of a cent. */
export function toCents(text: string): number {
  const r = parseDecimal(text);
  if ((r.n * 100n) % r.d !== 0n) throw new RangeError(`"${text}" is not a whole number of cents`);
  return Number((r.n * 100n) / r.d);
}
