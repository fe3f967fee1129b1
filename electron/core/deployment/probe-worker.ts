/**
 * The deployment check's TLS thread: handshakes (key exchange, signature checks) run here, so a
 * round of hundreds of targets never holds up the listener's event loop. Messages:
 * `{id, target, timeoutMs}` → `{id, result}`; `{abort: id}` ends that probe at once.
 */
import { parentPort } from 'node:worker_threads';
import { probeTls, type ProbeTarget } from './tls-probe.ts';

type Request = { id: number; target: ProbeTarget; timeoutMs: number } | { abort: number };

const running = new Map<number, AbortController>();

parentPort!.on('message', (message: Request) => {
  if ('abort' in message) {
    running.get(message.abort)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  void probeTls(message.target, message.timeoutMs, controller.signal).then((result) => {
    running.delete(message.id);
    parentPort!.postMessage({ id: message.id, result });
  });
});
