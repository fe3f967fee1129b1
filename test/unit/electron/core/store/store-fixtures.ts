/** A real SQLite file in a fresh temp dir, and a factory for records to store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabaseSync } from '../../../../../electron/core/store/database.ts';
import { DeliveryStore } from '../../../../../electron/core/store/delivery-store.ts';
import type { NewDelivery } from '../../../../../electron/core/store/delivery-types.ts';

export interface TempStore {
  dir: string;
  file: string;
  db: DatabaseSync;
  store: DeliveryStore;
  /** Closes the database and removes the directory. */
  cleanup(): void;
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'certbell-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTempStore(): TempStore {
  const { dir, remove } = tempDir();
  const file = join(dir, 'certbell.db');
  const db = openDatabaseSync(file);
  const store = new DeliveryStore(db);
  return {
    dir, file, db, store,
    cleanup() {
      if (db.isOpen) { store.flush(); db.close(); }
      remove();
    },
  };
}

const T0 = Date.parse('2026-06-01T12:00:00Z');

export function newDelivery(over: Partial<NewDelivery> = {}): NewDelivery {
  const body = over.body === undefined ? Buffer.from('{"metadata":{"event":"ssl_panel.issued"},"data":{}}') : over.body;
  return {
    deliveryId: 'delivery-1',
    receivedAt: T0,
    method: 'POST',
    path: '/webhook',
    remoteAddress: '127.0.0.1',
    rawHeaders: ['Host', '127.0.0.1:7413', 'Content-Type', 'application/json'],
    body,
    bodySize: body?.length ?? 0,
    status: 200,
    outcome: 'accepted',
    dedupe: true,
    response: '',
    signature: 'valid',
    signatureDetail: null,
    event: 'ssl_panel.issued',
    entityId: null,
    commonName: 'example.com',
    certificateId: null,
    orderId: null,
    error: null,
    ...over,
  };
}

/** A rejected record as the listener stores it: never de-duplicated. */
export function rejectedDelivery(over: Partial<NewDelivery> = {}): NewDelivery {
  return newDelivery({
    status: 401, outcome: 'rejected', dedupe: false, response: '{"error":"invalid signature"}', signature: 'invalid', ...over,
  });
}

export { DAY_MS } from '../../../../../shared/time/day.ts';
export { T0 };
