/**
 * Which delivery ids may already have attempts in the store: a Bloom filter, so the duplicate
 * and first-attempt lookup that precedes every delivery (`DeliveryStore.history`) can skip SQLite
 * for an id it has certainly never seen — almost every delivery is a first attempt. Measured on
 * the webhook load: that read costs ~16 µs of main-thread time per delivery while the writer is
 * committing (each commit invalidates the reader's page cache); the filter check, well under 1 µs.
 *
 * "No" is certain, "maybe" falls back to SQLite, so a false positive only costs the old lookup.
 * The ids already stored are read on a thread of their own (store-ids-worker.ts); until it has
 * handed its filters over, every answer is "maybe".
 * Ids stored by this process are added as they are submitted (before their commit). Retention
 * does not remove ids: a pruned id stays a "maybe", which is still correct.
 */
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../worker-url.ts';

const BITS_PER_ID = 10;
const PROBES = 7;
const MIN_CAPACITY = 200_000;
const LOAD_CHUNK = 5_000;
const POSITIONS = new Uint32Array(PROBES);

/** FNV-1a over UTF-16 code units, with a seed: two of them give the probe sequence. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A filter as it travels between threads: its bits go as a transferred buffer. */
export interface FilterState {
  capacity: number;
  added: number;
  bits: Uint32Array;
}

export class BloomFilter {
  readonly bits: Uint32Array;
  private readonly size: number;
  readonly capacity: number;
  added: number;

  constructor(capacity: number, from?: FilterState) {
    this.capacity = capacity;
    this.size = Math.max(64, capacity * BITS_PER_ID);
    this.bits = from?.bits ?? new Uint32Array(Math.ceil(this.size / 32));
    this.added = from?.added ?? 0;
  }

  add(id: string): void {
    for (const at of this.bitsOf(id)) this.bits[at >>> 5] |= 1 << (at & 31);
    this.added++;
  }

  mayContain(id: string): boolean {
    for (const at of this.bitsOf(id)) if ((this.bits[at >>> 5] & (1 << (at & 31))) === 0) return false;
    return true;
  }

  /** The id's PROBES bit positions (double hashing), in a buffer reused by every call. */
  private bitsOf(id: string): Uint32Array {
    const h1 = fnv1a(id, 0x811c9dc5);
    const h2 = fnv1a(id, 0x01000193) | 1;
    for (let i = 0; i < PROBES; i++) POSITIONS[i] = ((h1 + Math.imul(i, h2)) >>> 0) % this.size;
    return POSITIONS;
  }
}

/** Adds to the last filter of a chain, starting a twice-as-large one when it is full. */
function addToChain(chain: BloomFilter[], id: string): void {
  let last = chain[chain.length - 1];
  if (last.added >= last.capacity) {
    last = new BloomFilter(last.capacity * 2);
    chain.push(last);
  }
  last.add(id);
}

/** Every delivery id stored in `db`, as a filter chain (store-ids-worker.ts runs this). */
export function readStoredIdsSync(db: DatabaseSync): BloomFilter[] {
  const chain = [new BloomFilter(MIN_CAPACITY)];
  // Walks the (delivery_id, attempt) index alone: reading the rows would drag their bodies along.
  // In chunks, so no read transaction stays open for the whole walk.
  const chunk = db.prepare('SELECT delivery_id FROM deliveries WHERE delivery_id > ? ORDER BY delivery_id LIMIT ?');
  let after = '';
  for (;;) {
    const page = chunk.all(after, LOAD_CHUNK) as { delivery_id: string }[];
    for (const row of page) addToChain(chain, row.delivery_id);
    if (page.length < LOAD_CHUNK) return chain;
    after = page[page.length - 1].delivery_id;
  }
}

export class KnownIds {
  /**
   * A scalable Bloom filter: a chain of filters, each twice the size of the one before, all
   * checked; the false-positive rate stays bounded however many ids come, with no rescan.
   */
  private chain: BloomFilter[] | null = null;
  /** Ids submitted while the stored ones are being read: joined to theirs when the read is done. */
  private meanwhile: BloomFilter[] | null = null;
  private reader: Worker | null = null;
  private stopped = false;

  /** False until the stored ids are loaded: until then every id is a "maybe". */
  get ready(): boolean {
    return this.chain !== null;
  }

  /** An id about to be stored (called when it is submitted, before its commit). */
  add(deliveryId: string): void {
    const chain = this.meanwhile ?? this.chain;
    if (chain) addToChain(chain, deliveryId);
  }

  mayExist(deliveryId: string): boolean {
    return this.chain === null || this.chain.some((filter) => filter.mayContain(deliveryId));
  }

  /**
   * Reads the ids stored in the database `file` on a thread of its own, so neither the reading
   * nor its garbage ever holds up the event loop (on a store of a million ids, reading them here
   * in 1 ms slices still cost deliveries 15–30 ms each in the first seconds: slices and GC
   * pauses). Call it before the listener accepts deliveries: ids submitted from then on are
   * added as they come. Rejects if the ids cannot be read; every answer then stays "maybe".
   */
  load(file: string): Promise<void> {
    this.meanwhile = [new BloomFilter(MIN_CAPACITY)];
    const reader = new Worker(workerUrl('store-ids-worker', import.meta.url), { workerData: { file } });
    this.reader = reader;
    const meanwhile = this.meanwhile;
    return new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        // Nothing to join the ids submitted meanwhile to: every answer stays "maybe".
        this.meanwhile = null;
        reject(error);
      };
      reader.once('message', (filters: FilterState[]) => {
        this.chain = [...filters.map((state) => new BloomFilter(state.capacity, state)), ...meanwhile];
        this.meanwhile = null;
        resolve();
      });
      reader.once('error', fail);
      reader.once('exit', (code) => {
        this.reader = null;
        if (this.chain || this.stopped) resolve();
        else fail(new Error(`the delivery id reader stopped (exit ${code}) before it was done`));
      });
    });
  }

  /** Stops a read still in progress (shutdown). */
  stop(): void {
    this.stopped = true;
    void this.reader?.terminate();
  }
}
