/**
 * zod schemas for the WHMCS-shaped $params the shim forwards. WHMCS sends ids as ints or
 * numeric strings and flags as 'on'/'' depending on version, so the schemas coerce; every
 * failure becomes one message naming the parameter.
 */
import { z } from 'zod';
import { AppError } from '../../http/errors';

const id = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be a positive id');
const text = z.preprocess((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v), z.string({ error: 'must be text' }));

export const clientDetails = z.looseObject({
  userid: id.optional(),
  id: id.optional(),
  firstname: text.default(''),
  lastname: text.default(''),
  companyname: text.default(''),
  email: text.default(''),
  address1: text.default(''),
  address2: text.default(''),
  city: text.default(''),
  state: text.default(''),
  fullstate: text.default(''),
  postcode: text.default(''),
  country: text.default(''),
  countrycode: text.default(''),
  phonenumber: text.default(''),
  phonenumberformatted: text.default(''),
});

export const serviceParams = z.looseObject({
  serviceid: id,
  userid: id,
  pid: id.optional(),
  domain: text.default(''),
  clientsdetails: clientDetails.optional(),
});

export const configureStepParams = serviceParams.extend({
  csr: text.default(''),
  firstname: text.default(''),
  lastname: text.default(''),
  orgname: text.default(''),
  jobtitle: text.default(''),
  email: text.default(''),
  address1: text.default(''),
  address2: text.default(''),
  city: text.default(''),
  state: text.default(''),
  postcode: text.default(''),
  country: text.default(''),
  phonenumber: text.default(''),
  fields: z.preprocess((v) => (Array.isArray(v) || v === null || v === undefined ? {} : v), z.record(z.string(), text)).default({}),
  configdata: z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}), z.looseObject({})).default({}),
  approveremail: text.default(''),
  approvalmethod: text.default(''),
  approval_method: text.default(''),
});

export const hookBody = z.object({
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }),
  context: z.looseObject({
    adminId: z.coerce.number().int().nonnegative().default(0),
    clientId: z.coerce.number().int().nonnegative().default(0),
    request: z.record(z.string(), z.unknown()).default({}),
  }).default({ adminId: 0, clientId: 0, request: {} }),
});

export type HookBody = z.infer<typeof hookBody>;

/** Parses with a schema; the first problem becomes AppError('invalid_request') naming it. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix = 'params'): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [prefix, ...issue.path.map(String)].join('.');
  const given = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
  const message = issue.code === 'invalid_type' && given === undefined ? 'is required' : issue.message;
  throw new AppError('invalid_request', `${path} ${message}`, path);
}
