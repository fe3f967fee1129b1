import { describe, expect, it } from 'vitest';
import { KeyQueue } from '../../../../../electron/core/pipeline/key-queue.ts';

/** A task the test finishes by hand, recording when it starts. */
function task(log: string[], name: string) {
  let finish!: (ok: boolean) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = (ok) => (ok ? resolve(name) : reject(new Error(`${name} failed`)));
  });
  return { work: () => { log.push(`start ${name}`); return done; }, finish: (ok = true) => { log.push(`end ${name}`); finish(ok); } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('KeyQueue', () => {
  it('runs work for one key one at a time, in arrival order', async () => {
    const queue = new KeyQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => task(log, n));
    const results = [a, b, c].map((t) => queue.run('cert-1', t.work));
    await settle();
    expect(log).toEqual(['start a']);
    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.finish();
    await settle();
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs work for different keys in parallel', async () => {
    const queue = new KeyQueue();
    const log: string[] = [];
    const a = task(log, 'a');
    const b = task(log, 'b');
    const results = [queue.run('cert-1', a.work), queue.run('cert-2', b.work)];
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(queue.size).toBe(2);
    b.finish();
    a.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });

  it('goes on after a failed piece of work, whose caller gets the error', async () => {
    const queue = new KeyQueue();
    const log: string[] = [];
    const a = task(log, 'a');
    const b = task(log, 'b');
    const first = queue.run('cert-1', a.work);
    const second = queue.run('cert-1', b.work);
    await settle();
    a.finish(false);
    await expect(first).rejects.toThrow('a failed');
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.finish();
    await expect(second).resolves.toBe('b');
  });

  it('forgets a key once its work is done, and runs new work for it at once', async () => {
    const queue = new KeyQueue();
    await queue.run('cert-1', async () => 1);
    await settle();
    expect(queue.size).toBe(0);
    const log: string[] = [];
    const a = task(log, 'a');
    const result = queue.run('cert-1', a.work);
    await settle();
    expect(log).toEqual(['start a']);
    a.finish();
    await result;
    await settle();
    expect(queue.size).toBe(0);
  });
});
