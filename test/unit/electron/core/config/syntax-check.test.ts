import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntaxErrorSync } from '../../../../../electron/core/config/syntax-check.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-syntax-'));
  mkdirSync(join(dir, 'esm'));
  writeFileSync(join(dir, 'esm', 'package.json'), '{"type":"module"}');
  mkdirSync(join(dir, 'cjs'));
  writeFileSync(join(dir, 'cjs', 'package.json'), '{"type":"commonjs"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `node --check` says about the file, in the same words: the error line and its line number. */
function nodeCheck(path: string): string | null {
  const result = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
  if (result.status === 0) return null;
  const lines = result.stderr.split('\n');
  const what = lines.find((line) => /^\w*Error\b/.test(line));
  const where = lines.find((line) => line.startsWith(`${path}:`))?.slice(path.length + 1);
  return where ? `${what} (line ${where})` : what ?? 'unknown';
}

const CASES: Record<string, string> = {
  'valid.mjs': 'export class Hooks { async postHook(ctx) { await ctx.logger.info(1); } }\nawait Promise.resolve();\n',
  'brace.mjs': 'export class Hooks {\n  preHook(ctx) {\n    foo(\n  }\n}\n',
  'late.mjs': `${Array.from({ length: 40 }, (_, i) => `const a${i} = 1;\n`).join('')}export const b = ;\n${'foo();\n'.repeat(40)}`,
  'redeclared.mjs': 'let x = 1;\nconst y = 2;\nlet x = 3;\n',
  'template.mjs': 'export const a = 1;\nconst t = `never\nends\n',
  'object.mjs': 'export const o = {\n  a: 1\n  b: 2,\n};\n',
  'comment.mjs': 'export const a = 1;\n/* never closed\nmore\n',
  'hashbang.mjs': '#!/usr/bin/env node\nexport const a = 1;\nexport const a = 2;\n',
  'sloppy-in-module.mjs': 'export const a = 1;\nwith (a) {}\n',
  'valid.cjs': '#!/usr/bin/env node\nmodule.exports = { Hooks: class {} };\nreturn;\n',
  'broken.cjs': 'const a = 1;\nfoo(;\n',
  'ambiguous-esm.js': 'import { join } from "node:path";\nexport class Hooks {}\n',
  'ambiguous-broken.js': 'import { join } from "node:path";\nexport class Hooks {\n  x() { return ) }\n}\n',
  'ambiguous-sloppy.js': 'var a = {};\nwith (a) {}\n',
  // As node --check: JavaScript, types are not stripped.
  'typed.ts': 'export class Hooks {\n  preHook(ctx: { a: number }): void {}\n}\n',
  'esm/type-module.js': 'export class Hooks {}\nexport class Hooks {}\n',
  'cjs/type-commonjs.js': 'export class Hooks {}\n',
};

describe('syntaxErrorSync', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`says what node --check says about ${name}`, () => {
      const path = join(dir, name);
      writeFileSync(path, text);
      expect(syntaxErrorSync(path)).toBe(nodeCheck(path));
    });
  }

  it('names the line of a module\'s syntax error', () => {
    const path = join(dir, 'late.mjs');
    writeFileSync(path, CASES['late.mjs']);
    expect(syntaxErrorSync(path)).toBe("SyntaxError: Unexpected token ';' (line 41)");
  });

  it('names the line where parsing stops when something is missing at the end of the line before', () => {
    const path = join(dir, 'call.mjs');
    writeFileSync(path, 'export const a = 1;\nfoo(a,\n  b\n  c);\n');
    // node --check names line 3 (the ")" belongs after b); the line that cannot be parsed is 4.
    expect(syntaxErrorSync(path)).toBe('SyntaxError: missing ) after argument list (line 4)');
  });

  it('runs none of the file', () => {
    const marker = join(dir, 'ran');
    const path = join(dir, 'side-effect.mjs');
    writeFileSync(path, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\nprocess.exit(3);\n`);
    expect(syntaxErrorSync(path)).toBeNull();
    const cjs = join(dir, 'side-effect.cjs');
    writeFileSync(cjs, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nprocess.exit(3);\n`);
    expect(syntaxErrorSync(cjs)).toBeNull();
    expect(existsSync(marker)).toBe(false);
  });

  it('finds nothing when it cannot check (a missing file is reported by the caller)', () => {
    expect(syntaxErrorSync(join(dir, 'missing.mjs'))).toBeNull();
  });
});
