/**
 * Starts a real certbridge server for a test file: a fresh scratch MariaDB database with
 * the WHMCS fixture, migrations applied, HTTP on a random loopback port. The job runner is
 * not started; tests call app.runner.runDue() to run exactly what is due.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../server/config';
import { startServer, type Running } from '../../server/main';
import { createLogger } from '../../server/logger';
import { createScratchDatabase, type ScratchDatabase } from './mysql';

export interface TestServer {
  running: Running;
  database: ScratchDatabase;
  config: Config;
  secret: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startTestServer(opts: { label?: string; env?: Record<string, string>; sqlMode?: string } = {}): Promise<TestServer> {
  const database = await createScratchDatabase({ label: opts.label ?? 'srv' });
  const secret = randomBytes(24).toString('hex');
  const config = loadConfig({
    CERTBRIDGE_DATABASE_URL: database.url,
    CERTBRIDGE_HOOK_SECRET: secret,
    CERTBRIDGE_MASTER_KEY: randomBytes(32).toString('base64'),
    CERTBRIDGE_PORT: '8420', // replaced by port 0 below: the OS picks a free port
    CERTBRIDGE_SANDBOX_ISSUE_DELAY_SECONDS: '0',
    CERTBRIDGE_LOG_LEVEL: process.env.CERTBRIDGE_TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  });
  const running = await startServer({ ...config, port: 0 } as Config, { runJobs: false, sqlMode: opts.sqlMode });
  const port = Number(new URL(running.url).port);
  return {
    running,
    database,
    config,
    secret,
    url: running.url,
    port,
    stop: async () => {
      await running.stop();
      await database.drop();
    },
  };
}

export { createLogger };
