/**
 * A private D-Bus session bus for tests: its own dbus-daemon with a minimal config in a temp dir.
 * Own config rather than the system's session.conf: no service activation (a notification
 * daemon installed on the machine must not start by itself), a socket path in our temp dir.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

export interface DbusSession {
  /** The bus address as dbus-daemon printed it, e.g. unix:path=/tmp/certbell-dbus-x/dbus-y,guid=... */
  address: string;
  /** Each address of `address` (more than one with `abstractSocket`). */
  addresses: string[];
  pid: number;
  /** Terminates the daemon by its PID, waits for it to exit and removes the temp dir. */
  stop(): Promise<void>;
}

const MISSING = 'dbus-daemon not found: install the Debian package `dbus` (apt-get install dbus); test/run-all.sh does so when run as root';

export interface DbusSessionOptions {
  timeoutMs?: number;
  /** Listen on an abstract socket too (as dbus-launch does), besides the socket file. */
  abstractSocket?: boolean;
}

function sessionConfig(socketDir: string, abstractSocket: boolean): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=${socketDir}</listen>
  ${abstractSocket ? `<listen>unix:abstract=${socketDir}/abstract</listen>` : ''}
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

export function startDbusSession(options: DbusSessionOptions = {}): Promise<DbusSession> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'certbell-dbus-'));
  const config = join(dir, 'session.conf');
  writeFileSync(config, sessionConfig(dir, options.abstractSocket ?? false));
  const child = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--nosyslog', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => { if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL'); }, 3_000);
      await exited;
      clearTimeout(timer);
    }
    cleanUp();
  };

  return new Promise<DbusSession>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (error: Error) => { clearTimeout(timer); void stop().finally(() => reject(error)); };
    const timer = setTimeout(() => fail(new Error(`dbus-daemon printed no address within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      cleanUp();
      reject(error.code === 'ENOENT' ? new Error(MISSING) : error);
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('exit', (code, signal) => {
      if (!stdout.includes('\n')) fail(new Error(`dbus-daemon exited (${code ?? signal}) before printing its address:\n${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const address = stdout.slice(0, newline).trim();
      resolve({ address, addresses: address.split(';'), pid: child.pid!, stop });
    });
  });
}

export interface BusRelay {
  /** A tcp: address on 127.0.0.1; clients connecting here reach the bus behind it. */
  address: string;
  /** Resets every relayed client connection (TCP RST): the abrupt death of a bus. */
  resetClients(): void;
  stop(): Promise<void>;
}

/**
 * A byte relay in front of a bus (unix:path= addresses only), to break connections the way a
 * crashing bus does, which stopping dbus-daemon cleanly does not. TCP towards the client,
 * because only TCP sockets can be reset; the daemon still sees a local Unix client.
 */
export async function startBusRelay(busAddress: string): Promise<BusRelay> {
  const target = /^unix:path=([^,;]+)/.exec(busAddress)?.[1];
  if (!target) throw new Error(`startBusRelay needs a unix:path= address, got ${busAddress}`);
  const clients = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    clients.add(client);
    client.pipe(upstream).pipe(client);
    const drop = () => { clients.delete(client); client.destroy(); upstream.destroy(); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    address: `tcp:host=127.0.0.1,port=${port}`,
    resetClients() { for (const client of clients) client.resetAndDestroy(); },
    async stop() {
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
