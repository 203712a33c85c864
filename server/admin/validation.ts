/**
 * zod schemas for the admin API's request bodies and queries, and parse() which turns the
 * first problem into AppError('invalid_request', 422) naming the field the way the app shows
 * it: `rules.margin.value`, `products[2].id`, `group.newName`. Called by routes.ts and
 * wizard.ts; nothing is read or written before a request passed.
 */
import { z } from 'zod';
import { AppError } from '../http/errors';
import type { GroupChoice } from './api-types';

const signedDecimal = z.string({ error: 'must be a decimal number in a string, like "12.50"' }).trim().regex(/^-?\d{1,9}(\.\d{1,4})?$/, 'must be a decimal number like "12.50"');
const amount = z.string({ error: 'must be a decimal number in a string, like "2.00"' }).trim().regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount of 0 or more with at most two decimals, like "2.00"');
const percent = z
  .string({ error: 'must be a decimal number in a string, like "3"' })
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage of 0 or more, like "3"')
  .refine((v) => Number(v) <= 100, 'must be at most 100');

export const marginSchema = z.object({
  kind: z.enum(['percent', 'fixed'], { error: 'must be "percent" or "fixed"' }),
  value: signedDecimal,
});

export const rulesSchema = z.object({
  margin: marginSchema,
  overrides: z.record(z.string().regex(/^[^:\s]+:\S+$/, 'keys must be "supplier:productId"'), marginSchema).default({}),
  minimumProfit: amount.default('0'),
  rounding: z.enum(['none', '.00', '.49', '.50', '.95', '.99', 'whole'], { error: 'must be one of none, .00, .49, .50, .95, .99, whole' }),
  currencyBufferPercent: percent.default('0'),
});

const productRef = z.object({
  supplier: z.string({ error: 'is required' }).trim().min(1, 'is required').max(32, 'is at most 32 characters'),
  id: z.string({ error: 'is required' }).trim().min(1, 'is required').max(128, 'is at most 128 characters'),
});

const groupSchema = z.object(
  {
    existingId: z.number({ error: 'must be a product group id' }).int('must be a product group id').positive('must be a product group id').optional(),
    newName: z.string({ error: 'must be text' }).optional(),
  },
  { error: 'must say which product group: { existingId } or { newName }' },
);

const ack = z.boolean({ error: 'must be true or false' }).default(false);

export const importSchema = z.object({
  products: z.array(productRef, { error: 'must be a list of { supplier, id }' }).min(1, 'choose at least one product').max(5000, 'at most 5000 products per import'),
  rules: rulesSchema,
  group: groupSchema,
});
export const applySchema = importSchema.extend({ acknowledgeLoss: ack });

export const repriceSchema = z.object({
  pids: z.array(z.number({ error: 'must be product ids' }).int().positive(), { error: 'must be a list of product ids' }).min(1, 'choose at least one product').max(5000, 'at most 5000 products at once'),
  rules: rulesSchema,
});
export const repriceApplySchema = repriceSchema.extend({ acknowledgeLoss: ack });

export const catalogueLoadSchema = z.object({
  supplier: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  refresh: z.boolean({ error: 'must be true or false' }).default(false),
});

export const sessionSchema = z.object({ token: z.string({ error: 'is required' }) });

export const orderQuerySchema = z.object({
  state: z.string().trim().optional(),
  supplier: z.string().trim().optional(),
  q: z.string().trim().max(200, 'is at most 200 characters').optional(),
  page: z.coerce.number({ error: 'must be a page number' }).int('must be a page number').min(1, 'must be 1 or more').default(1),
  pageSize: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').default(50),
});

/** "rules.margin.value", "products[2].id" */
export function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  let issue = r.error.issues[0];
  // A record key that fails its schema: report the key schema's own message.
  if (issue.code === 'invalid_key' && issue.issues[0]) issue = { ...issue.issues[0], path: issue.path } as typeof issue;
  const field = fieldPath(issue.path) || what;
  const given = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
  const message = issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
  throw new AppError('invalid_request', `${field} ${message}`, field);
}

/** Exactly one of existingId / newName; a new name must not be empty. (Duplicates: wizard.ts.) */
export function checkGroupShape(group: GroupChoice): { existingId: number } | { newName: string } {
  const hasId = group.existingId !== undefined;
  const hasName = group.newName !== undefined;
  if (hasId === hasName) throw new AppError('invalid_request', 'group must name either an existing product group (existingId) or a new one (newName), not both', 'group');
  if (hasId) return { existingId: group.existingId! };
  const name = group.newName!.trim();
  if (!name) throw new AppError('invalid_request', 'group.newName must not be empty: type a name for the new product group', 'group.newName');
  if (name.length > 100) throw new AppError('invalid_request', 'group.newName is at most 100 characters', 'group.newName');
  return { newName: name };
}

/** The same product twice in one request is a mistake in the client, not something to merge. */
export function checkDistinct<T>(list: T[], key: (x: T) => string, field: (i: number) => string, label: (x: T) => string): void {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) throw new AppError('invalid_request', `${label(x)} is listed twice`, field(i));
    seen.add(k);
  });
}
