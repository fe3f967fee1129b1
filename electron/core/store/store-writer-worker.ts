/**
 * Worker thread: owns the write connection. Each batch from the main thread is committed as one
 * transaction; `committed` goes back at once (the main thread then sends the next batch), the
 * replies once that commit is on disk (wal-sync.ts). The next transaction does not wait for the
 * previous one's fdatasync; the replies of all commits one fdatasync covered share a message.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { openDatabaseSync } from './database.ts';
import { DeliveryWrites } from './delivery-writes.ts';
import { pruneBatchSync } from './retention.ts';
import { WRITER_AUTOCHECKPOINT_PAGES } from './checkpoints.ts';
import { WalSync } from './wal-sync.ts';
import type { WriterMessage, WriterReply, WriterRequest } from './worker-writer.ts';
import { decodeBatch, type WireBatch } from './writer-wire.ts';

const file = (workerData as { file: string }).file;
const db = openDatabaseSync(file);
// Durability comes from WalSync's fdatasync after each commit, not from SQLite's own at COMMIT.
db.exec('PRAGMA synchronous = NORMAL');
db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
const walSync = new WalSync(file);
const checkpointer = new Worker(new URL(`./store-checkpoint-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
  { workerData: { file } });
// Without it the writer's own auto-checkpoint still bounds the WAL, in larger steps.
checkpointer.on('error', () => db.exec('PRAGMA wal_autocheckpoint = 1000'));
const writes = new DeliveryWrites(db);
let queue: WriterRequest[] = [];

function run(request: WriterRequest): unknown {
  if (request.op === 'add') return writes.insertSync(request.record);
  if (request.op === 'prune') return pruneBatchSync(db, request.limits, request.now);
  if (request.op === 'note') return writes.noteSync(request.notifications, request.certificate) ?? null;
  return null;
}

/** All or nothing: if the transaction fails, every request in it gets the error. */
function commit(batch: WriterRequest[]): { replies: WriterReply[]; committed: boolean } {
  try {
    db.exec('BEGIN IMMEDIATE');
    const values = batch.map(run);
    db.exec('COMMIT');
    return { replies: batch.map((request, i) => ({ id: request.id, value: values[i] })), committed: true };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    return { replies: batch.map((request) => ({ id: request.id, error: (error as Error).message })), committed: false };
  }
}

function close(): void {
  const checkpointerGone = new Promise((resolve) => { checkpointer.once('exit', resolve); checkpointer.postMessage('close'); });
  void Promise.all([walSync.drained(), checkpointerGone]).then(() => {
    walSync.close();
    db.close();
    parentPort!.close();
  });
}

let durable: WriterReply[] = [];

function post(message: WriterMessage): void {
  parentPort!.postMessage(message);
}

/** Called for each commit an fdatasync covered, all in one turn: their replies go as one message. */
function deliver(replies: WriterReply[], error: Error | null): void {
  if (durable.length === 0) queueMicrotask(() => { const ready = durable; durable = []; post({ replies: ready, committed: false }); });
  for (const reply of replies) durable.push(error ? { id: reply.id, error: error.message } : reply);
}

function flush(): void {
  const batch = queue;
  queue = [];
  const closing = batch.some((request) => request.op === 'close');
  const { replies, committed } = commit(batch);
  if (!committed) post({ replies, committed: true });
  else {
    walSync.afterCommit((error) => deliver(replies, error));
    post({ replies: [], committed: true });
  }
  if (closing) close();
}

// The main thread sends the requests of one of its event-loop turns as one message.
parentPort!.on('message', (batch: WireBatch) => {
  if (queue.length === 0) setImmediate(flush);
  for (const request of decodeBatch(batch)) queue.push(request);
});
