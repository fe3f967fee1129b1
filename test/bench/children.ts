/**
 * Child processes of the benchmark, all on this process's own Node (the pinned Node 24). Every
 * child is tracked by PID and stopped by PID; `killAllSync` is the last-resort sweep on failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

export const CERTBELL_BIN = resolve(import.meta.dirname, '../../electron/headless/certbell.js');
export const RAW_SERVER = resolve(import.meta.dirname, 'raw-server.ts');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerChild {
  pid: number;
  readyLine: string;
  /** Milliseconds from spawn() until the ready line arrived on stdout. */
  readyMs: number;
  stderr(): string;
  /** Signals the child by PID and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

const running = new Map<number, ChildProcess>();

function track(child: ChildProcess): Promise<ExitStatus> {
  if (child.pid === undefined) throw new Error('could not spawn a child process');
  const pid = child.pid;
  running.set(pid, child);
  return new Promise((done) => {
    child.on('exit', (code, signal) => { running.delete(pid); done({ code, signal }); });
  });
}

/** Spawns `node args...` and resolves once a stdout line starts with `readyPrefix`. */
export function startServer(args: string[], readyPrefix: string, timeoutMs = 15_000): Promise<ServerChild> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); if (stderr.length > 1e6) stderr = stderr.slice(-1e5); });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      process.kill(child.pid!, 'SIGKILL');
      reject(new Error(`${args.join(' ')}: no ready line after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    const onData = (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.startsWith(readyPrefix));
      if (!line || !stdout.includes('\n', stdout.indexOf(line))) return;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolvePromise({
        pid: child.pid!, readyLine: line, readyMs, stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before ready:\n${stderr}`));
    });
  });
}

/**
 * Spawns any program (not Node) by path, tracked like the Node children, and resolves once
 * `isReady()` (polled every 50 ms) says so; a program that prints no ready line is probed instead.
 */
export function startProgram(file: string, args: string[], isReady: () => Promise<boolean>, timeoutMs = 15_000): Promise<ServerChild> {
  const started = performance.now();
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = track(child);
  let stderr = '';
  let done = false;
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); if (stderr.length > 1e6) stderr = stderr.slice(-1e5); });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    return exited;
  };
  return new Promise((resolvePromise, reject) => {
    void exited.then(({ code, signal }) => {
      if (done) return;
      done = true;
      reject(new Error(`${file} exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
    const poll = async () => {
      while (!done) {
        if (performance.now() - started > timeoutMs) {
          done = true;
          await stop('SIGKILL');
          reject(new Error(`${file} ${args.join(' ')}: not ready after ${timeoutMs} ms\n${stderr}`));
          return;
        }
        if (await isReady().catch(() => false)) {
          if (done) return;
          done = true;
          resolvePromise({ pid: child.pid!, readyLine: '', readyMs: performance.now() - started, stderr: () => stderr, stop });
          return;
        }
        await new Promise((wait) => setTimeout(wait, 50));
      }
    };
    void poll();
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1 (bound to port 0, read, closed). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePromise(port));
    });
  });
}

/** A `Vm...` line of /proc/PID/status in bytes (VmRSS counts every thread of the process); null where unavailable. */
export function vmBytesOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

/** The PID the kernel handed out last, machine-wide (threads included), from /proc/loadavg; null off Linux. */
export function lastPid(): number | null {
  try {
    const last = Number(readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/)[4]);
    return Number.isFinite(last) ? last : null;
  } catch {
    return null;
  }
}

/**
 * Waits until a process has spent at most 2% of a core over the last `quietMs` (sampled every
 * 250 ms; /proc counts 10 ms ticks, and an idle `serve` shows about one a second), at most `maxMs`;
 * resolves the milliseconds waited.
 */
export async function waitQuiet(pid: number, quietMs = 3000, maxMs = 15_000): Promise<number> {
  const started = performance.now();
  const samples: { t: number; cpu: number }[] = [];
  while (performance.now() - started < maxMs) {
    const cpu = cpuMsOf(pid);
    if (cpu === null) break;
    const t = performance.now();
    samples.push({ t, cpu });
    const first = samples.find((s) => t - s.t <= quietMs + 125);
    if (first && t - samples[0].t >= quietMs - 125 && cpu - first.cpu <= Math.max(20, quietMs / 50)) break;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return performance.now() - started;
}

/** `certbell serve --port 0 --no-ui --data-dir DIR`; the webhook URL comes from its ready line. */
export async function startCertbell(dataDir: string): Promise<ServerChild & { webhook: string }> {
  // CERTBELL_BENCH_CPU_PROF=DIR writes V8 CPU profiles of certbell (each thread) there, sampled every
  // CERTBELL_BENCH_CPU_PROF_INTERVAL µs (default 1000).
  const dir = process.env.CERTBELL_BENCH_CPU_PROF;
  const interval = process.env.CERTBELL_BENCH_CPU_PROF_INTERVAL ?? '1000';
  const profile = dir ? ['--cpu-prof', '--cpu-prof-interval', interval, '--cpu-prof-dir', dir] : [];
  // CERTBELL_BENCH_NODE_FLAGS: further Node/V8 flags for certbell (dev probes).
  const flags = process.env.CERTBELL_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = await startServer([...flags, ...profile, CERTBELL_BIN, 'serve', '--port', '0', '--no-ui', '--data-dir', dataDir], 'certbell ready ');
  const ready = JSON.parse(child.readyLine.slice('certbell ready '.length)) as { webhook: string };
  return { ...child, webhook: ready.webhook };
}

/** The raw `node:http` ceiling server. */
export async function startRawServer(): Promise<ServerChild & { url: string }> {
  const child = await startServer([RAW_SERVER], 'raw ready ');
  return { ...child, url: child.readyLine.slice('raw ready '.length).trim() };
}

export interface RunResult extends ExitStatus {
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs `node args...` to completion and measures its wall time from spawn to exit. */
export function runToEnd(args: string[], timeoutMs = 60_000): Promise<RunResult> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => out.push(c));
  child.stderr!.on('data', (c: Buffer) => err.push(c));
  const timer = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), timeoutMs);
  return new Promise((resolvePromise) => {
    // 'close' waits for stdout to drain as well as for the exit.
    child.on('close', () => {
      void exited.then((status) => {
        clearTimeout(timer);
        resolvePromise({ ...status, wallMs: performance.now() - started,
          stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
      });
    });
  });
}

/** CPU time (user + system) of a process, in milliseconds, from /proc; null where unavailable. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name; USER_HZ is 100 on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU milliseconds (user, system) of each thread of a process, keyed "TID name"; Linux only. */
export function threadCpuMs(pid: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(`${tid} ${name}`, [Number(fields[11]) * 10, Number(fields[12]) * 10]);
  }
  return out;
}

/** CPU time all processes of the machine were busy (not idle/iowait), in core-milliseconds; null off Linux. */
export function machineBusyMs(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
    return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) * 10;
  } catch {
    return null;
  }
}

export function runningPids(): number[] {
  return [...running.keys()];
}

/** Kills, by PID, every child still running (used when the benchmark itself breaks). */
export function killAllSync(): void {
  for (const pid of running.keys()) {
    try { process.kill(pid, 'SIGKILL'); } catch {}
  }
}
