/**
 * Worker thread: owns the write connection. It runs no event loop while the store is open: it
 * sleeps in `Atomics.wait` until the main thread signals, takes every request written to the
 * shared ring (writer-ring.ts) and any the ring had no room for (on its port, read with
 * `receiveMessageOnPort`), commits them as one transaction, makes that commit durable with one
 * fdatasync of the WAL (wal-file.ts) and posts the replies.
 *
 * (A separate thread for the fdatasync, so the next commit overlaps it, was measured slower on
 * two cores: see docs/decisions.md.)
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabaseSync } from '../database.ts';
import { DeliveryWrites } from './delivery-writes.ts';
import { pruneBatchSync } from './retention.ts';
import { SOLE_CHECKPOINT_PAGES, WRITER_AUTOCHECKPOINT_PAGES } from './checkpoints.ts';
import { POSTED, REPLIED, WAL_RESTART, WRITER_IDLE } from './writer-signals.ts';
import { WalFile } from './wal-file.ts';
import type { WriterMessage, WriterReply } from './writer-protocol.ts';
import { decodeAll, type WireRequest } from './writer-wire.ts';
import { RingConsumer } from './writer-ring.ts';

const { file, ring, requests, replies, signals } = workerData as {
  file: string; ring: SharedArrayBuffer; requests: MessagePort; replies: MessagePort; signals: Int32Array;
};
const fromRing = new RingConsumer(ring, signals);
const db = openDatabaseSync(file);
// Durability comes from the fdatasync of the WAL after each commit (wal-file.ts), not from SQLite's own.
db.exec('PRAGMA synchronous = NORMAL');
db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
const writes = new DeliveryWrites(db);
const wal = new WalFile(file);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

function run(request: WireRequest): unknown {
  if (request.op === 'add') return writes.insertSync(request.record);
  if (request.op === 'prune') return pruneBatchSync(db, request.limits, request.now);
  if (request.op === 'note') return writes.noteSync(request.notifications, request.certificate) ?? null;
  if (request.op === 'deployment') { writes.deployments.writeSync(request.write); return null; }
  if (request.op === 'sync') { writes.syncs.writeSync(request.write); return null; }
  if (request.op === 'checkpoint-alone') db.exec(`PRAGMA wal_autocheckpoint = ${SOLE_CHECKPOINT_PAGES}`);
  return null;
}

/** All or nothing: if the transaction or its fdatasync fails, every request in it gets the error. */
function commit(batch: WireRequest[]): WriterReply[] {
  try {
    db.exec('BEGIN IMMEDIATE');
    const values = batch.map(run);
    db.exec('COMMIT');
    wal.syncSync();
    return batch.map((request, i) => ({ id: request.id, value: values[i] }));
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    return batch.map((request) => ({ id: request.id, error: (error as Error).message }));
  }
}

/**
 * The checkpointer has caught up with a long WAL (store-checkpoint-worker.ts): copying the few
 * frames it has not, between two commits, lets the next transaction start the WAL over.
 */
function letWalRestart(): void {
  try {
    checkpoint.get();
  } catch {
    // The WAL stays as it is (a checkpoint that fails loses nothing): the checkpointer asks again later.
  }
}

/**
 * Every request made so far, in the order made. The ring is read first: a request the ring had
 * no room for was posted before any later one was written to the ring.
 */
function take(): WireRequest[] {
  const batch: WireRequest[] = [];
  fromRing.take(batch);
  let overflowed = false;
  for (let received = receiveMessageOnPort(requests); received; received = receiveMessageOnPort(requests)) {
    for (const request of decodeAll(received.message as ArrayBuffer)) batch.push(request);
    overflowed = true;
  }
  return overflowed ? batch.sort((a, b) => a.id - b.id) : batch;
}

/** Commits batches until one holds the `close` request. */
function serve(): void {
  for (;;) {
    // Read before taking: a batch posted after `take` found the port empty has moved the counter on.
    const posted = Atomics.load(signals, POSTED);
    const batch = take();
    if (batch.length === 0) {
      Atomics.store(signals, WRITER_IDLE, 1);
      Atomics.wait(signals, POSTED, posted);
      Atomics.store(signals, WRITER_IDLE, 0);
      continue;
    }
    const answers = commit(batch);
    fromRing.release();
    replies.postMessage({ replies: answers } satisfies WriterMessage);
    Atomics.add(signals, REPLIED, 1);
    if (Atomics.exchange(signals, WAL_RESTART, 0) === 1) letWalRestart();
    if (batch.some((request) => request.op === 'close')) return;
  }
}

serve();
wal.close();
db.close();
requests.close();
replies.close();
parentPort!.close();
