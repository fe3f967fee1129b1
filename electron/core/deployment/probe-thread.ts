/**
 * Probes on the TLS thread (probe-worker.ts), started on the first probe and let go (unref'd)
 * while idle, so it never keeps a process alive; `close` ends it. If the thread fails, the
 * probes waiting on it come back `unreachable` with the reason, and the next probe starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../store/worker-url.ts';
import type { ProbeResult, ProbeTarget } from './tls-probe.ts';

interface Waiting {
  resolve: (result: ProbeResult) => void;
  started: number;
}

export class ProbeThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  probe(target: ProbeTarget, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult> {
    if (signal?.aborted) return Promise.resolve({ ok: false, error: 'the check was stopped', durationMs: 0 });
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onAbort = () => worker.postMessage({ abort: id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, { started: performance.now(), resolve: (result) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      } });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, target, timeoutMs });
    });
  }

  /** Ends the thread; probes still waiting come back as stopped. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.fail('the check was stopped');
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl('probe-worker', import.meta.url));
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: ProbeResult }) => {
      const entry = this.waiting.get(id);
      if (!entry) return;
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      entry.resolve(result);
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(why);
    };
    worker.on('error', (error: Error) => lost(`the TLS check thread failed: ${error.message}`));
    worker.on('exit', (code) => lost(`the TLS check thread stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  private fail(error: string): void {
    for (const [id, entry] of this.waiting) {
      this.waiting.delete(id);
      entry.resolve({ ok: false, error, durationMs: Math.round(performance.now() - entry.started) });
    }
  }
}
