/**
 * The house's shape (DESIGN.md, README "Architecture"), read from the sources' imports: no
 * import circle anywhere, no arrow from a core folder back up to the wiring that builds it, the
 * CLI's commands only over the services, and the rooms' arrows pointing inward.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ROOMS = ['electron', 'shared', 'renderer/src'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|cts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of ROOMS.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1] ?? m[2])));
    edges.set(file, targets);
  }
  return edges;
}

/** Every strongly connected group of more than one file (Tarjan). */
function circles(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index); low.set(node, index); index++;
    stack.push(node); onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!order.has(next)) { visit(next); low.set(node, Math.min(low.get(node)!, low.get(next)!)); }
      else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const group: string[] = [];
      let member: string;
      do { member = stack.pop()!; onStack.delete(member); group.push(member); } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!order.has(node)) visit(node);
  return found;
}

const arrows = (edges: Map<string, string[]>, from: (f: string) => boolean, to: (f: string) => boolean) =>
  [...edges].flatMap(([file, targets]) => (from(file) ? targets.filter(to).map((t) => `${file} → ${t}`) : []));

describe('the import graph', () => {
  const edges = graph();

  it('reads the sources (the check below sees real files)', () => {
    expect(edges.size).toBeGreaterThan(150);
    expect(edges.get('electron/core/create-core.ts')).toContain('electron/core/services/index.ts');
  });

  it('has no import circle', () => {
    expect(circles(edges)).toEqual([]);
  });

  it('has no arrow from a core folder back up to the wiring that builds the core', () => {
    const wiring = new Set(['electron/core/create-core.ts', 'electron/core/open-services.ts']);
    expect(arrows(edges, (f) => /^electron\/core\/[^/]+\//.test(f), (t) => wiring.has(t))).toEqual([]);
  });

  it('lets the CLI commands reach the store, pipeline and processor only through the services', () => {
    expect(arrows(edges, (f) => f.startsWith('electron/headless/commands/'),
      (t) => /^electron\/core\/(store|pipeline)\//.test(t))).toEqual([]);
  });

  it('points the rooms inward: shared imports nothing else, core no shell, the renderer no electron code', () => {
    expect(arrows(edges, (f) => f.startsWith('shared/'), (t) => !t.startsWith('shared/'))).toEqual([]);
    expect(arrows(edges, (f) => f.startsWith('electron/core/'), (t) => /^electron\/(main|preload|headless)\//.test(t))).toEqual([]);
    expect(arrows(edges, (f) => f.startsWith('renderer/'), (t) => t.startsWith('electron/'))).toEqual([]);
  });
});
