/**
 * Starts a server process: migrations, HTTP listener and the job runner. Called by
 * `certbridge serve`. Stops cleanly on SIGINT/SIGTERM (finishing running jobs first).
 */
import type { Server } from 'node:http';
import { enqueue } from './jobs/queue';
import { migrateToLatest } from '../db/migrate';
import { buildApp, type App } from './app';
import type { Config } from './config';

export interface Running {
  app: App;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, opts: { runJobs?: boolean; sqlMode?: string } = {}): Promise<Running> {
  const app = buildApp(config, { sqlMode: opts.sqlMode });
  const { applied } = await migrateToLatest(app.dbHandle.db);
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  await app.deps.suppliers.refresh();
  await enqueue(app.dbHandle.db, 'housekeeping', {}, { dedupeKey: 'housekeeping' });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.http.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  if (opts.runJobs !== false) app.runner.start(config.jobPollMs);
  app.log.info({ url }, 'certbridge listening');
  return {
    app,
    server,
    url,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await app.close();
    },
  };
}
