/**
 * Runs `work` over `items` with at most `limit` at once, in order of the items, starting one at
 * most every `spacingMs` (so a round's handshakes are spread out instead of taking the machine's
 * every core at once); resolves when all are done.
 */
export async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>,
  spacingMs = 0): Promise<void> {
  let next = 0;
  let nextStartAt = 0;
  const turn = async () => {
    const now = performance.now();
    const at = Math.max(now, nextStartAt);
    nextStartAt = at + spacingMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (spacingMs > 0) await turn();
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
