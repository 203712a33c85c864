/**
 * Claims due jobs and runs them with the handler registered for their kind, a few at a
 * time. Started by `certbridge serve` and `certbridge worker`; tests call runDue() to run
 * exactly what is due, deterministically. A handler returns { rescheduleMs } to be polled
 * again later, throws a retryable error to be retried with backoff, or throws anything
 * else to fail the job (the handler itself records what failure means for the order).
 */
import type { Logger } from '../logger';
import type { JobQueue, JobRow } from './queue';

export interface JobOutcome {
  rescheduleMs?: number;
}

export type JobHandler = (payload: any, job: JobRow) => Promise<JobOutcome | void>;

export class RetryableJobError extends Error {}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: Logger,
    private readonly concurrency = 4,
  ) {}

  /** Runs every job that is due now; returns how many ran. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.queue.claim(this.concurrency);
      if (jobs.length === 0) return total;
      total += jobs.length;
      await Promise.all(jobs.map((j) => this.runOne(j)));
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind];
    if (!handler) {
      await this.queue.fail(job, `no handler for job kind ${job.kind}`, false);
      return;
    }
    try {
      const outcome = await handler(job.payload, job);
      if (outcome && outcome.rescheduleMs !== undefined) await this.queue.reschedule(job.id, outcome.rescheduleMs);
      else await this.queue.complete(job.id);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const result = await this.queue.fail(job, message, e instanceof RetryableJobError);
      this.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, result, err: message }, 'job failed');
    }
  }

  start(pollMs: number): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      if (!this.running) {
        this.running = true;
        try {
          await this.runDue();
        } catch (e) {
          this.log.error({ err: e }, 'job runner poll failed');
        } finally {
          this.running = false;
        }
      }
      if (!this.stopped) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }
}
