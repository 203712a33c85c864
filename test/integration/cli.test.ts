import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createScratchDatabase, type ScratchDatabase } from '../support/mysql';

const run = promisify(execFile);
const CLI = 'scripts/certbridge.mjs';
let scratch: ScratchDatabase;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  CERTBRIDGE_DATABASE_URL: scratch.url,
  CERTBRIDGE_HOOK_SECRET: randomBytes(24).toString('hex'),
  CERTBRIDGE_MASTER_KEY: randomBytes(32).toString('base64'),
  CERTBRIDGE_LOG_LEVEL: 'warn',
  ...extra,
});

beforeAll(async () => {
  scratch = await createScratchDatabase({ label: 'cli' });
});
afterAll(async () => {
  await scratch?.drop();
});

describe('certbridge command', () => {
  it('refuses to start without configuration, naming each variable, exit code 2', async () => {
    const err = await run('node', [CLI, 'serve'], { env: { PATH: process.env.PATH ?? '', CERTBRIDGE_MASTER_KEY: 'c2hvcnQ=' } }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('CERTBRIDGE_DATABASE_URL is not set');
    expect(err.stderr).toContain('CERTBRIDGE_MASTER_KEY must be 32 random bytes');
    expect(err.stderr).not.toContain('c2hvcnQ=');
  });

  it('migrate applies the migrations once, then reports the database up to date', async () => {
    const first = await run('node', [CLI, 'migrate'], { env: env() });
    expect(first.stdout).toContain('applied: 0001_core');
    const second = await run('node', [CLI, 'migrate'], { env: env() });
    expect(second.stdout).toContain('database is up to date');
  });

  it('serve answers /readyz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn('node', [CLI, 'serve'], { env: env({ CERTBRIDGE_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      let ready: Response | undefined;
      for (let i = 0; i < 100 && !ready?.ok; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (!ready?.ok) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready?.status, out).toBe(200);
      expect(out).toContain(`certbridge listening on http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  });

  it('admin-link prints a single-use sign-in link to the admin app', async () => {
    const { stdout } = await run('node', [CLI, 'admin-link', '--admin', '1', '--base-url', 'https://bridge.example.com/'], { env: env() });
    const token = /^https:\/\/bridge\.example\.com\/admin\/#token=([A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1];
    expect(token, stdout).toBeDefined();
    const missing = await run('node', [CLI, 'admin-link', '--admin', '99'], { env: env() }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('WHMCS has no admin #99');
  });

  it('doctor checks database, migrations and the sandbox supplier', async () => {
    const { stdout } = await run('node', [CLI, 'doctor'], { env: env() });
    expect(stdout).toMatch(/^ok {3}database reachable$/m);
    expect(stdout).toMatch(/^ok {3}migrations current$/m);
    expect(stdout).toMatch(/^ok {3}Sandbox CA: certbridge Sandbox Root CA ready/m);
  });
});
