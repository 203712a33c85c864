/**
 * Retries a supplier call that failed transiently, with capped exponential backoff and
 * jitter. Only for calls that are safe to repeat (reads, or writes carrying an idempotency
 * reference); placing an order is never retried blindly.
 */
import { isSupplierError } from './errors';

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 3;
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isSupplierError(e) || e.kind !== 'transient' || i >= attempts) throw e;
      const delay = Math.min(opts.capMs ?? 5_000, (opts.baseMs ?? 250) * 2 ** (i - 1));
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }
}
