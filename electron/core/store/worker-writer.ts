/** The main-thread side of store-writer-worker.ts: every write's promise settles after its COMMIT. */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CertificateRecord } from '../certificates/certificate-types.ts';
import type { NewNotification } from './certificate-rows.ts';
import type { DeliveryWriter } from './delivery-writer.ts';
import type { NewDelivery, StoredDelivery } from './delivery-types.ts';
import type { RetentionLimits } from './retention.ts';
import { encodeBatch } from './writer-wire.ts';

export type WriterRequest =
  | { op: 'add'; id: number; record: NewDelivery }
  | { op: 'prune'; id: number; limits: RetentionLimits; now: number }
  | { op: 'note'; id: number; notifications: NewNotification[]; certificate: CertificateRecord | null }
  | { op: 'ping'; id: number }
  | { op: 'close'; id: number };

export type WriterReply = { id: number; value: unknown } | { id: number; error: string };

/** Sources run as .ts (Node strips types), the Electron build as .js: the worker file matches. */
const workerFile = new URL(`./store-writer-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export class WorkerWriter implements DeliveryWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Requests of this event-loop turn, sent as one message (one structured clone, one wake-up). */
  private outbox: WriterRequest[] = [];
  private failure: Error | null = null;
  private closed: Promise<void> | undefined;

  constructor(file: string) {
    this.worker = new Worker(workerFile, { workerData: { file } });
    this.worker.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) {
        const entry = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if ('error' in reply) entry?.reject(new Error(reply.error));
        else entry?.resolve(reply.value as never);
      }
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const entry of this.waiting.values()) entry.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the store writer stopped (exit ${code})`)));
  }

  /** Resolves once the worker has opened the database (rejects if it could not). */
  ready(): Promise<void> {
    return this.request({ op: 'ping', id: 0 });
  }

  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.request({ op: 'add', id: 0, record });
  }

  note(notifications: NewNotification[], certificate: CertificateRecord | null): Promise<void> {
    return this.request({ op: 'note', id: 0, notifications, certificate });
  }

  prune(limits: RetentionLimits, now: number): Promise<number> {
    return this.request({ op: 'prune', id: 0, limits, now });
  }

  close(): Promise<void> {
    this.closed ??= this.failure ? Promise.resolve()
      : this.request<void>({ op: 'close', id: 0 }).catch(() => undefined).then(() => this.worker.terminate()).then(() => undefined);
    return this.closed;
  }

  private request<T>(message: WriterRequest): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      if (this.outbox.length === 0) setImmediate(() => this.send());
      this.outbox.push({ ...message, id });
    });
  }

  private send(): void {
    const requests = this.outbox;
    this.outbox = [];
    if (this.failure) return;
    const { batch, transfer } = encodeBatch(requests);
    this.worker.postMessage(batch, transfer);
  }
}
