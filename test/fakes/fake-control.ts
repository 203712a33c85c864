/**
 * What every supplier fake lets a test do, whatever wire format it speaks. Fakes are HTTP
 * servers on 127.0.0.1 (port 0) with an in-memory store, deterministic ids, one configured
 * account (credentials, IP allow-list, balance) and injectable faults.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'http5xx' }
  | { kind: 'timeout' } // never answers (the client's timeout fires)
  | { kind: 'truncated' } // answer cut in the middle
  | { kind: 'malformed' } // answer that is not the wire format
  | { kind: 'auth' } // credentials refused
  | { kind: 'ip' } // caller's IP not on the allow-list
  | { kind: 'funds' } // balance too low for orders
  | { kind: 'acceptThenTimeout' }; // the order IS stored, but the answer never comes

export interface FakeControl {
  /** Base URL to give the adapter as its endpoint (settings.baseUrl). */
  readonly url: string;
  /** Credentials the fake accepts (to put into settings.credentials). */
  readonly credentials: Record<string, string>;
  /** Faults apply to every request until cleared (null). */
  setFault(fault: Fault | null): void;
  issue(supplierOrderId: string): void;
  reject(supplierOrderId: string): void;
  expire(supplierOrderId: string): void;
  /** Orders stored so far (to prove a retry did not create a second one). */
  orderCount(): number;
  /** Highest number of requests the fake had in flight at once. */
  maxInFlight(): number;
  requestCount(): number;
  close(): Promise<void>;
}
