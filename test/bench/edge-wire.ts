/**
 * Raw HTTP/1.1 over `node:net` for the edge bench's attacker: cheap enough that 2,000 requests/s
 * (most on a new connection, since a 429 closes it) leave CPU for the server under test. Responses
 * are read only as far as status, Content-Length and `Connection: close`.
 */
import { connect, type Socket } from 'node:net';

/** How one request (or one slow connection) ended: an HTTP status, or what happened instead. */
export type Outcome = number | 'closed' | 'timeout' | `error ${string}`;

export class Tally {
  readonly counts: Record<string, number> = {};
  add(outcome: Outcome): void {
    const key = String(outcome);
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }
}

interface Parsed {
  status: number;
  close: boolean;
}

/** Splits the bytes of a connection into responses (small ones, each with a Content-Length). */
class ResponseSplitter {
  private buffer: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): Parsed[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: Parsed[] = [];
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return out;
      const head = this.buffer.toString('latin1', 0, end);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffer.length < end + 4 + length) return out;
      out.push({ status: Number(head.slice(9, 12)), close: /\r\nconnection:\s*close/i.test(head) });
      this.buffer = this.buffer.subarray(end + 4 + length);
    }
  }
}

/** `error ECONNREFUSED` for a connection that never opened; `closed` for one torn down without an answer. */
function failure(error: NodeJS.ErrnoException | null, connected: boolean): Outcome {
  if (!connected && error?.code) return `error ${error.code}`;
  return 'closed';
}

/** One keep-alive connection with at most one request in flight. */
class Connection {
  readonly socket: Socket;
  private readonly splitter = new ResponseSplitter();
  private pending: ((outcome: Outcome, reusable: boolean) => void) | null = null;
  private connected = false;
  private lastError: NodeJS.ErrnoException | null = null;
  alive = true;

  constructor(port: number, onGone: (c: Connection) => void) {
    this.socket = connect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('connect', () => { this.connected = true; });
    this.socket.on('data', (chunk: Buffer) => {
      for (const r of this.splitter.feed(chunk)) this.finish(r.status, !r.close);
    });
    this.socket.on('error', (error) => { this.lastError = error; });
    this.socket.on('close', () => {
      this.alive = false;
      this.finish(failure(this.lastError, this.connected), false);
      onGone(this);
    });
  }

  send(parts: readonly Buffer[], done: (outcome: Outcome, reusable: boolean) => void): void {
    this.pending = done;
    this.socket.cork();
    for (const part of parts) this.socket.write(part);
    this.socket.uncork();
  }

  private finish(outcome: Outcome, reusable: boolean): void {
    const done = this.pending;
    this.pending = null;
    done?.(outcome, reusable && this.alive);
  }
}

export interface RateOptions {
  port: number;
  /** Requests per second, sent open-loop from `startAt` (performance.now() time) for `durationMs`. */
  rate: number;
  maxInFlight: number;
  timeoutMs: number;
  /** The bytes of request number n. */
  request: (n: number) => readonly Buffer[];
}

export interface RateReport {
  sent: number;
  /** Requests not sent because maxInFlight were already waiting (the attacker's own limit). */
  skipped: number;
  connections: number;
  outcomes: Record<string, number>;
}

/** Sends requests at a fixed rate, reusing a connection the server keeps open, opening one otherwise. */
export function runAtRate(o: RateOptions, startAt: number, durationMs: number): Promise<RateReport> {
  const tally = new Tally();
  const idle: Connection[] = [];
  const open = new Set<Connection>();
  const report = { sent: 0, skipped: 0, connections: 0 };
  let inFlight = 0;
  let ended = false;
  const gone = (c: Connection) => {
    open.delete(c);
    const i = idle.indexOf(c);
    if (i >= 0) idle.splice(i, 1);
  };
  const fire = () => {
    let conn = idle.pop();
    while (conn && !conn.alive) conn = idle.pop();
    if (!conn) { conn = new Connection(o.port, gone); open.add(conn); report.connections++; }
    const c = conn;
    inFlight++;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; c.socket.destroy(); }, o.timeoutMs);
    c.send(o.request(report.sent++), (outcome, reusable) => {
      clearTimeout(timer);
      if (ended) return;
      inFlight--;
      tally.add(timedOut ? 'timeout' : outcome);
      if (reusable) idle.push(c); else c.socket.destroy();
    });
  };
  return new Promise((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now < startAt) return;
      const due = Math.floor((Math.min(now - startAt, durationMs) * o.rate) / 1000) - report.sent - report.skipped;
      for (let i = 0; i < due; i++) {
        if (inFlight >= o.maxInFlight) report.skipped++; else fire();
      }
      if (now - startAt < durationMs) return;
      clearInterval(tick);
      // What is still waiting gets a second to answer, then counts as unanswered.
      setTimeout(() => {
        ended = true;
        for (const c of open) c.socket.destroy();
        resolve({ ...report, outcomes: { ...tally.counts, ...(inFlight > 0 ? { 'unanswered at end': inFlight } : {}) } });
      }, 1000);
    }, 5);
  });
}

export interface SlowOptions {
  port: number;
  connections: number;
  /** Headers of each slow request (Content-Length promising far more than will come). */
  head: (n: number) => Buffer;
  bytesPerSecond: number;
  /** Pause before a connection the server closed is replaced. */
  reopenDelayMs: number;
}

export interface SlowReport {
  opened: number;
  /** How the slow connections ended: the server's answer, or closed without one. */
  outcomes: Record<string, number>;
  /** Connections open (connected, not yet closed), sampled every 250 ms: mean and least. */
  openMean: number;
  openMin: number;
}

const TRICKLE_MS = 500;

/** Keeps `connections` slow bodies open or being opened, each trickling bytes below the minimum rate. */
export function holdSlowBodies(o: SlowOptions, startAt: number, durationMs: number): Promise<SlowReport> {
  const tally = new Tally();
  const sockets = new Set<Socket>();
  const chunk = Buffer.alloc(Math.max(1, Math.floor((o.bytesPerSecond * TRICKLE_MS) / 1000)), 'a');
  let opened = 0;
  let connectedNow = 0;
  let running = true;
  const samples: number[] = [];

  const openOne = () => {
    if (!running) return;
    const n = opened++;
    const socket = connect({ port: o.port, host: '127.0.0.1', noDelay: true });
    sockets.add(socket);
    const splitter = new ResponseSplitter();
    let connected = false;
    let answered = false;
    let lastError: NodeJS.ErrnoException | null = null;
    let trickle: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      connected = true;
      connectedNow++;
      socket.write(o.head(n));
      socket.write('{"data":"');
      trickle = setInterval(() => socket.write(chunk), TRICKLE_MS);
    });
    socket.on('data', (data: Buffer) => {
      const [first] = splitter.feed(data);
      if (!first || answered) return;
      answered = true;
      tally.add(first.status);
      socket.destroy();
    });
    socket.on('error', (error) => { lastError = error; });
    socket.on('close', () => {
      clearInterval(trickle);
      sockets.delete(socket);
      if (connected) connectedNow--;
      if (!running) return;
      if (!answered) tally.add(failure(lastError, connected));
      setTimeout(openOne, o.reopenDelayMs);
    });
  };

  return new Promise((resolve) => {
    setTimeout(() => {
      // Opened over half a second rather than in one burst past the listen backlog.
      for (let i = 0; i < o.connections; i++) setTimeout(openOne, (i * 500) / o.connections);
      const sampler = setInterval(() => {
        if (performance.now() - startAt >= 1000) samples.push(connectedNow);
      }, 250);
      setTimeout(() => {
        running = false;
        clearInterval(sampler);
        for (const s of sockets) s.destroy();
        resolve({ opened, outcomes: tally.counts, openMean: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
          openMin: samples.length > 0 ? Math.min(...samples) : 0 });
      }, durationMs);
    }, Math.max(0, startAt - performance.now()));
  });
}
