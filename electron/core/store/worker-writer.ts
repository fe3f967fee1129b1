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

/** From the worker: `committed` once a batch's transaction is written, `replies` once durable. */
export interface WriterMessage {
  replies: WriterReply[];
  committed: boolean;
}

/** Sources run as .ts (Node strips types), the Electron build as .js: the worker file matches. */
const workerFile = new URL(`./store-writer-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export class WorkerWriter implements DeliveryWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /**
   * Requests not yet sent. One batch is with the worker at a time: while it commits, requests
   * gather here and go as the next batch, so a busy writer gets fewer, larger transactions.
   */
  private outbox: WriterRequest[] = [];
  private sendScheduled = false;
  private batchWithWorker = false;
  private failure: Error | null = null;
  private closed: Promise<void> | undefined;

  constructor(file: string) {
    this.worker = new Worker(workerFile, { workerData: { file } });
    this.worker.on('message', (message: WriterMessage) => {
      for (const reply of message.replies) {
        const entry = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if ('error' in reply) entry?.reject(new Error(reply.error));
        else entry?.resolve(reply.value as never);
      }
      if (message.committed) {
        this.batchWithWorker = false;
        if (this.outbox.length > 0) this.scheduleSend();
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
      this.outbox.push({ ...message, id });
      if (!this.batchWithWorker) this.scheduleSend();
    });
  }

  /** Sends at the end of this event-loop turn, so the requests of one turn share a message. */
  private scheduleSend(): void {
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    setImmediate(() => {
      this.sendScheduled = false;
      if (!this.batchWithWorker && this.outbox.length > 0) this.send();
    });
  }

  private send(): void {
    const requests = this.outbox;
    this.outbox = [];
    if (this.failure) return;
    this.batchWithWorker = true;
    const { batch, transfer } = encodeBatch(requests);
    this.worker.postMessage(batch, transfer);
  }
}
