/**
 * The main-thread side of the store's write threads: every write's promise settles once its
 * commit is durable. The writer commits and syncs (store-writer-worker.ts); the checkpointer
 * copies the WAL into the database file (store-checkpoint-worker.ts).
 */
import { once } from 'node:events';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CertificateRecord } from '../../certificates/certificate-types.ts';
import type { DeploymentWrite } from '../../deployment/deployment-types.ts';
import type { SyncWrite } from '../../provider/sync-types.ts';
import type { NewNotification } from '../delivery-types.ts';
import type { DeliveryWriter } from './delivery-writer.ts';
import type { NewDelivery, StoredDelivery } from '../delivery-types.ts';
import type { RetentionLimits } from './retention.ts';
import type { WriterMessage, WriterRequest } from './writer-protocol.ts';
import { encodeAll } from './writer-wire.ts';
import { RING_BYTES, RingProducer } from './writer-ring.ts';
import { newSignals, POSTED, REPLIED, WRITER_IDLE } from './writer-signals.ts';
import { workerUrl } from '../worker-url.ts';
import { WAL_RESTART_FRAMES } from './checkpoints.ts';

export interface WorkerWriterOptions {
  /** WAL length (frames) at which the checkpointer lets it start over; WAL_RESTART_FRAMES unless a test needs it short. */
  walRestartFrames?: number;
}

type Waiter = { resolve: (v: never) => void; reject: (e: Error) => void };

export class WorkerWriter implements DeliveryWriter {
  private readonly signals = newSignals();
  private readonly writer: Worker;
  private readonly checkpointer: Worker;
  private readonly ring: RingProducer;
  /** Requests the ring had no room for; until they are posted, later ones queue behind them. */
  private overflow: WriterRequest[] = [];
  private readonly requests: MessagePort;
  private readonly replies: MessagePort;
  private repliesTaken = 0;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private wakeAtTurnEnd = false;
  private wakeNow = false;
  private failure: Error | null = null;
  private closed: Promise<void> | undefined;

  constructor(file: string, options: WorkerWriterOptions = {}) {
    const toWriter = new MessageChannel();
    const toMain = new MessageChannel();
    this.requests = toWriter.port1;
    this.replies = toMain.port1;
    const ring = new SharedArrayBuffer(RING_BYTES);
    this.ring = new RingProducer(ring, this.signals);
    this.writer = new Worker(workerUrl('store-writer-worker', import.meta.url), {
      workerData: { file, ring, requests: toWriter.port2, replies: toMain.port2, signals: this.signals },
      transferList: [toWriter.port2, toMain.port2],
    });
    this.replies.on('message', (message: WriterMessage) => this.settle(message));
    // The writer keeps the process alive while it is open; the reply port need not.
    this.replies.unref();
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const entry of this.waiting.values()) entry.reject(this.failure);
      this.waiting.clear();
    };
    this.writer.on('error', fail).on('exit', (code) => {
      // Replies posted just before the writer ended are taken before anything still waiting fails.
      this.takeReplies(true);
      fail(new Error(`the store writer stopped (exit ${code})`));
    });
    this.checkpointer = new Worker(workerUrl('store-checkpoint-worker', import.meta.url), {
      workerData: { file, signals: this.signals, restartFrames: options.walRestartFrames ?? WAL_RESTART_FRAMES },
    });
    // Without it the writer's own auto-checkpoint still bounds the WAL, in smaller steps.
    this.checkpointer.on('error', () => void this.request({ op: 'checkpoint-alone', id: 0 }).catch(() => undefined));
  }

  /** Resolves once the writer has opened the database (rejects if it could not). */
  ready(): Promise<void> {
    return this.request({ op: 'ping', id: 0 });
  }

  add(record: NewDelivery): Promise<StoredDelivery> {
    return this.request({ op: 'add', id: 0, record });
  }

  note(notifications: NewNotification[], certificate: CertificateRecord | null): Promise<void> {
    return this.request({ op: 'note', id: 0, notifications, certificate });
  }

  deployment(write: DeploymentWrite): Promise<void> {
    return this.request({ op: 'deployment', id: 0, write });
  }

  sync(write: SyncWrite): Promise<void> {
    return this.request({ op: 'sync', id: 0, write });
  }

  prune(limits: RetentionLimits, now: number): Promise<number> {
    return this.request({ op: 'prune', id: 0, limits, now });
  }

  /** Stops the checkpointer, then lets the writer commit what is queued and close the database. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.stop(this.checkpointer, () => this.checkpointer.postMessage('close'));
      if (!this.failure) await this.stop(this.writer, () => void this.request({ op: 'close', id: 0 }).catch(() => undefined));
      await this.writer.terminate();
    })();
    return this.closed;
  }

  /** Asks a thread to end and waits for it (a thread that has already ended is left as it is). */
  private async stop(thread: Worker, ask: () => void): Promise<void> {
    if (thread.threadId === -1) return;
    const exited = once(thread, 'exit');
    ask();
    await exited;
  }

  /** Takes replies the writer has posted without waiting for this thread's event loop to get to them. */
  private takeReplies(always = false): void {
    const posted = Atomics.load(this.signals, REPLIED);
    if (posted === this.repliesTaken && !always) return;
    this.repliesTaken = posted;
    for (let received = receiveMessageOnPort(this.replies); received; received = receiveMessageOnPort(this.replies)) {
      this.settle(received.message as WriterMessage);
    }
  }

  private settle(message: WriterMessage): void {
    for (const reply of message.replies) {
      const entry = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) entry?.reject(new Error(reply.error));
      else entry?.resolve(reply.value as never);
    }
  }

  private request<T>(message: WriterRequest): Promise<T> {
    // Every request is a moment this thread is not waiting on its event loop: answers can go out now.
    this.takeReplies();
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: never) => void, reject });
      const request = { ...message, id };
      if (this.overflow.length > 0 || !this.ring.tryWrite(request)) this.overflow.push(request);
      this.scheduleWake();
    });
  }

  /**
   * An idle writer is signalled as soon as this task's synchronous work is done, so it commits
   * while this thread goes on with other requests; a busy writer is signalled at the end of this
   * event-loop turn, so its next transaction takes everything the turn wrote.
   */
  private scheduleWake(): void {
    if (Atomics.load(this.signals, WRITER_IDLE) === 1) {
      if (this.wakeNow) return;
      this.wakeNow = true;
      queueMicrotask(() => {
        this.wakeNow = false;
        this.wake();
      });
    } else if (!this.wakeAtTurnEnd) {
      this.wakeAtTurnEnd = true;
      setImmediate(() => {
        this.wakeAtTurnEnd = false;
        this.wake();
      });
    }
  }

  private wake(): void {
    if (this.failure) return;
    this.ring.publish();
    if (this.overflow.length > 0) {
      const bytes = encodeAll(this.overflow);
      this.overflow = [];
      this.requests.postMessage(bytes, [bytes]);
    }
    Atomics.add(this.signals, POSTED, 1);
    Atomics.notify(this.signals, POSTED);
  }
}
