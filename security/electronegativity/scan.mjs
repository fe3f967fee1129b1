/**
 * The electronegativity scan (Doyensec's Electron security checks) through its programmatic API,
 * over the Electron shell, the preload and the renderer. Fails (exit 1) on any HIGH finding, or
 * when a file could not be parsed (an unparsed file is an unchecked file).
 *
 * It lives in its own folder with its own lockfile: it brings TypeScript 4 and ESLint 7, which
 * must not meet the project's. `test/run-all.sh` installs it with `npm ci --prefix`.
 * Usage: node security/electronegativity/scan.mjs [project root]
 */
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..'));

// Scan a copy holding only what ships: the shells and the renderer, with package.json so the
// scanner knows the Electron version. Core and headless code never touches Electron's APIs.
const input = mkdtempSync(join(tmpdir(), 'certbell-electronegativity-'));
try {
  for (const part of ['electron/main', 'electron/preload', 'renderer/src', 'renderer/index.html']) {
    cpSync(join(root, part), join(input, part), { recursive: true });
  }
  // The scanner reads .ts but not .cts: give the (CommonJS) preload a name it reads.
  renameSync(join(input, 'electron/preload/index.cts'), join(input, 'electron/preload/index.ts'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(input, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, main: pkg.main,
    devDependencies: { electron: pkg.devDependencies.electron } }));

  // The runner's messages need the `__` global its own i18n setup registers; that setup first
  // fetches translations from the network (and its retry timer crashes on current Node), so put
  // an offline setup with the bundled English messages in its place.
  const i18n = require('i18n');
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', updateFiles: false, objectNotation: true, register: globalThis,
    directory: join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'locales') });
  i18n.setLocale('en-US');
  const setupPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  require(setupPath);
  require.cache[setupPath].exports = async function offlineI18n() {};
  const run = require('@doyensec/electronegativity');
  const scan = (dir) => run({ input: dir, isRelative: true, severitySet: 'informational', confidenceSet: 'tentative', parserPlugins: [],
    // Downloads Electron's release list to compare versions: cannot run offline (npm audit covers it).
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: pkg.devDependencies.electron.replace(/^[^\d]*/, '') }, false);

  // First prove the gate can fail: a window with Node in the page must be a HIGH finding.
  const bad = `${input}-known-bad`;
  mkdirSync(bad);
  let control;
  try {
    writeFileSync(join(bad, 'main.js'), "const { BrowserWindow } = require('electron');\n"
      + "new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
    control = await scan(bad);
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
  if (!control.issues.some((i) => i.severity.name === 'HIGH')) {
    console.log('electronegativity: found no HIGH finding in a known-bad window; the scanner is not working');
    process.exit(1);
  }

  const result = await scan(input);
  const high = result.issues.filter((i) => i.severity.name === 'HIGH');
  for (const issue of result.issues) {
    console.log(`${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id} ${issue.file}:${issue.location.line} ${issue.description}`);
  }
  for (const error of result.errors) console.log(`PARSE ERROR ${error.file}: ${error.message ?? error.error ?? JSON.stringify(error)}`);
  console.log(`electronegativity: ${result.globalChecks} global and ${result.atomicChecks} atomic checks; `
    + `${result.issues.length} finding(s), ${high.length} high; ${result.errors.length} parse error(s)`);
  process.exitCode = high.length > 0 || result.errors.length > 0 ? 1 : 0;
} finally {
  rmSync(input, { recursive: true, force: true });
}
