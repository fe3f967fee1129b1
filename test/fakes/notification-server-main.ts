/**
 * The recording notification server as a process, for tests that run Certbell as a child:
 *   node test/fakes/notification-server-main.ts --address ADDRESS [--out FILE]
 * Prints {"ready":true} on stdout once it owns org.freedesktop.Notifications, then one JSON line
 * per Notify call (RecordedNotify) on stdout, or appended to FILE with --out. Reads commands on
 * stdin: "click ID [ACTION]" and "dismiss ID [REASON]". Exits on SIGTERM, SIGINT or a lost bus.
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startNotificationServer, type NotificationServer } from './notification-server.ts';

const { values } = parseArgs({ options: { address: { type: 'string' }, out: { type: 'string' } } });
if (!values.address) {
  process.stderr.write('usage: notification-server-main.ts --address ADDRESS [--out FILE]\n');
  process.exit(2);
}
const out = values.out;

let server: NotificationServer;
try {
  server = await startNotificationServer({
    address: values.address,
    onLost() { process.stderr.write('notification server: the bus connection closed\n'); process.exit(1); },
    onCall(call) {
      const line = `${JSON.stringify(call)}\n`;
      if (out) appendFileSync(out, line); else process.stdout.write(line);
    },
  });
} catch (error) {
  process.stderr.write(`notification server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const shutDown = () => { void server.stop().finally(() => process.exit(0)); };
process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, id, extra] = line.trim().split(/\s+/);
  if (command === 'click') server.click(Number(id), extra || 'default');
  else if (command === 'dismiss') server.dismiss(Number(id), extra ? Number(extra) : 2);
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
