// The subset of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface AutocannonRequest {
    method?: string;
    path?: string;
    body?: Buffer | string;
    headers?: Record<string, string>;
    setupRequest?: (request: { body?: Buffer; headers: Record<string, string> }, context: object) => object;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    /** Requests per second over all connections (a fixed rate instead of as fast as answered). */
    overallRate?: number;
    timeout?: number;
    method?: string;
    body?: Buffer | string;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
    // The Client object of one connection; typed by the caller.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    setupClient?: (client: any) => void;
  }

  interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    mismatches: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    statusCodeStats: Record<string, { count: number }>;
  }

  interface AutocannonInstance extends EventEmitter, PromiseLike<AutocannonResult> {
    stop(): void;
  }

  function autocannon(options: AutocannonOptions): AutocannonInstance;
  export default autocannon;
}
