/**
 * Environment → typed, frozen configuration. Called once by the CLI before anything else;
 * a missing or malformed variable stops start-up with a message naming the variable and
 * what is wrong with it (never echoing a secret's value).
 */
import { z } from 'zod';

export interface Config {
  readonly databaseUrl: string;
  readonly hookSecret: string;
  readonly masterKey: Buffer;
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  /** Seconds the sandbox CA waits after validation starts before it issues. */
  readonly sandboxIssueDelaySeconds: number;
  /** Milliseconds between job-queue polls of one worker. */
  readonly jobPollMs: number;
  /** Milliseconds before one supplier API request is abandoned. */
  readonly supplierTimeoutMs: number;
  /** Origins allowed to frame the admin app (CSP frame-ancestors); '' = not restricted. */
  readonly adminFrameAncestors: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const databaseUrl = z
  .string({ error: 'is not set (example: mysql://whmcs:secret@127.0.0.1:3306/whmcs)' })
  .refine((v) => /^mysql:\/\/[^/]+\/[^/?]+/.test(v), 'must look like mysql://user:pass@host:3306/database');

const hookSecret = z
  .string({ error: 'is not set: use the access hash of the certbridge server entry in WHMCS' })
  .refine((v) => v.trim().length >= 24, 'must be at least 24 characters (generate one with: openssl rand -hex 24)');

const masterKey = z
  .string({ error: 'is not set: generate one with: openssl rand -base64 32' })
  .transform((v, ctx) => {
    const bytes = /^[A-Za-z0-9+/_-]+=*$/.test(v.trim()) ? Buffer.from(v.trim(), 'base64') : Buffer.alloc(0);
    if (bytes.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' });
      return z.NEVER;
    }
    return bytes;
  });

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const schema = z.object({
  CERTBRIDGE_DATABASE_URL: databaseUrl,
  CERTBRIDGE_HOOK_SECRET: hookSecret,
  CERTBRIDGE_MASTER_KEY: masterKey,
  CERTBRIDGE_PORT: port.default(8420),
  CERTBRIDGE_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  CERTBRIDGE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS: z.coerce.number().min(0, 'must be 0 or more').default(30),
  CERTBRIDGE_JOB_POLL_MS: z.coerce.number().int().min(50, 'must be at least 50').default(1000),
  CERTBRIDGE_SUPPLIER_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100').default(30_000),
  CERTBRIDGE_ADMIN_FRAME_ANCESTORS: z
    .string()
    .refine((v) => v.trim().split(/\s+/).every((o) => /^https?:\/\/[^\s/]+$/.test(o)), 'must be origins like https://billing.example.com, separated by spaces')
    .default(''),
});

/** Reads the configuration; throws ConfigError listing every problem, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
    throw new ConfigError(`certbridge cannot start:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.CERTBRIDGE_DATABASE_URL,
    hookSecret: e.CERTBRIDGE_HOOK_SECRET.trim(),
    masterKey: e.CERTBRIDGE_MASTER_KEY,
    port: e.CERTBRIDGE_PORT,
    host: e.CERTBRIDGE_HOST,
    logLevel: e.CERTBRIDGE_LOG_LEVEL,
    sandboxIssueDelaySeconds: e.CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS,
    jobPollMs: e.CERTBRIDGE_JOB_POLL_MS,
    supplierTimeoutMs: e.CERTBRIDGE_SUPPLIER_TIMEOUT_MS,
    adminFrameAncestors: e.CERTBRIDGE_ADMIN_FRAME_ANCESTORS.trim(),
  });
}
