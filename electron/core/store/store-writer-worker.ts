/** Worker thread: owns the write connection; group-commits what the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseSync } from './database.ts';
import { InlineWriter } from './delivery-writer.ts';
import type { WriterReply, WriterRequest } from './worker-writer.ts';

const db = openDatabaseSync((workerData as { file: string }).file);
const writer = new InlineWriter(db);
let replies: WriterReply[] = [];

/** Replies are posted in one message per event-loop turn: one message per group commit. */
function reply(message: WriterReply): void {
  if (replies.length === 0) setImmediate(() => { parentPort!.postMessage(replies); replies = []; });
  replies.push(message);
}

function settle(id: number, work: Promise<unknown>): void {
  work.then((value) => reply({ id, value }), (error: Error) => reply({ id, error: error.message }));
}

parentPort!.on('message', (request: WriterRequest) => {
  if (request.op === 'add') settle(request.id, writer.add(request.record));
  else if (request.op === 'prune') settle(request.id, writer.prune(request.limits, request.now));
  else if (request.op === 'ping') reply({ id: request.id, value: null });
  else {
    writer.flushSync();
    db.close();
    parentPort!.postMessage([{ id: request.id, value: null }]);
    parentPort!.close();
  }
});
