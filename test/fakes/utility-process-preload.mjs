// Loaded (--import) into the Node child behind the fake utilityProcess.fork: gives it what Electron
// gives a utility process, process.parentPort, over the child's IPC channel. Messages arrive as
// {data, ports}; as in Electron, they wait until a 'message' listener is added, and the port keeps
// the process alive only while one is.
import { EventEmitter } from 'node:events';

class ParentPort extends EventEmitter {
  postMessage(message) {
    process.send?.(message);
  }
}

const parentPort = new ParentPort();
const queued = [];
let started = false;
const deliver = (data) => parentPort.emit('message', { data, ports: [] });
process.on('message', (data) => (started ? deliver(data) : queued.push(data)));
process.channel?.unref();
parentPort.on('newListener', (name) => {
  if (name !== 'message') return;
  process.channel?.ref();
  if (started) return;
  started = true;
  // 'newListener' comes before the listener is added.
  process.nextTick(() => { for (const data of queued.splice(0)) deliver(data); });
});
parentPort.on('removeListener', (name) => {
  if (name === 'message' && parentPort.listenerCount('message') === 0) process.channel?.unref();
});
process.parentPort = parentPort;
