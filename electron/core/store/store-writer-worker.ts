/**
 * Worker thread: owns the write connection. Requests that arrive in one event-loop turn are
 * committed as one transaction; their replies go back in one message right after the COMMIT.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseSync } from './database.ts';
import { DeliveryWrites } from './delivery-writes.ts';
import { pruneBatchSync } from './retention.ts';
import type { WriterReply, WriterRequest } from './worker-writer.ts';

const db = openDatabaseSync((workerData as { file: string }).file);
const writes = new DeliveryWrites(db);
let queue: WriterRequest[] = [];

function run(request: WriterRequest): unknown {
  if (request.op === 'add') return writes.insertSync(request.record);
  if (request.op === 'prune') return pruneBatchSync(db, request.limits, request.now);
  if (request.op === 'note') return writes.noteSync(request.notifications, request.certificate) ?? null;
  return null;
}

/** All or nothing: if the transaction fails, every request in it gets the error. */
function commit(batch: WriterRequest[]): WriterReply[] {
  try {
    db.exec('BEGIN IMMEDIATE');
    const values = batch.map(run);
    db.exec('COMMIT');
    return batch.map((request, i) => ({ id: request.id, value: values[i] }));
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    return batch.map((request) => ({ id: request.id, error: (error as Error).message }));
  }
}

function flush(): void {
  const batch = queue;
  queue = [];
  const closing = batch.find((request) => request.op === 'close');
  parentPort!.postMessage(commit(batch));
  if (closing) {
    db.close();
    parentPort!.close();
  }
}

parentPort!.on('message', (request: WriterRequest) => {
  if (queue.length === 0) setImmediate(flush);
  queue.push(request);
});
