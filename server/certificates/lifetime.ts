/**
 * The CA/Browser Forum ballot SC-081 schedule: the longest a publicly-trusted TLS certificate
 * may be valid, and how long a domain validation may be reused, by the date of issuance.
 *
 * Called by the sandbox CA (caps the leaf validity), the reissue planner (a 1–5 year product
 * is a subscription of short certificates) and DCV (when to validate again).
 * No errors: any valid Date has an answer (an invalid Date throws RangeError).
 */

interface LifetimeStep {
  /** First instant (UTC) the rule applies to. */
  from: Date;
  maxLifetimeDays: number;
  dcvReuseDays: number;
}

/** Newest rule first; the last one applies to everything before the first SC-081 date. */
export const LIFETIME_SCHEDULE: readonly LifetimeStep[] = [
  { from: new Date('2029-03-15T00:00:00Z'), maxLifetimeDays: 47, dcvReuseDays: 10 },
  { from: new Date('2027-03-15T00:00:00Z'), maxLifetimeDays: 100, dcvReuseDays: 100 },
  { from: new Date('2026-03-15T00:00:00Z'), maxLifetimeDays: 200, dcvReuseDays: 200 },
  { from: new Date(-8.64e15), maxLifetimeDays: 398, dcvReuseDays: 398 },
];

function stepFor(issuedAt: Date): LifetimeStep {
  const t = issuedAt.getTime();
  if (Number.isNaN(t)) throw new RangeError('issuedAt is not a valid date');
  return LIFETIME_SCHEDULE.find((step) => t >= step.from.getTime())!;
}

/** Maximum validity in days (counting notBefore to notAfter inclusive) for a certificate issued then. */
export function maxLifetimeDays(issuedAt: Date): number {
  return stepFor(issuedAt).maxLifetimeDays;
}

/** How many days a completed domain validation may be reused for issuance then. */
export function dcvReuseDays(issuedAt: Date): number {
  return stepFor(issuedAt).dcvReuseDays;
}
