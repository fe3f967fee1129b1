/**
 * Worker thread: reads every stored delivery id on its own connection and hands the Bloom filter
 * chain to the main thread (known-ids.ts), the filters' bits as transferred buffers.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { readStoredIdsSync, type FilterState } from './known-ids.ts';

const db = new DatabaseSync((workerData as { file: string }).file, { timeout: 5000 });
try {
  const filters: FilterState[] = readStoredIdsSync(db).map(({ capacity, added, bits }) => ({ capacity, added, bits }));
  parentPort!.postMessage(filters, filters.map((filter) => filter.bits.buffer as ArrayBuffer));
} finally {
  db.close();
}
