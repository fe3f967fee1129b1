/**
 * Validates package.json's `build` key offline with electron-builder's own check (the JSON schema
 * validation `electron-builder` runs before packaging, from app-builder-lib), then checks what the
 * schema cannot: the icons exist, every platform has its targets, every Electron fuse is set to its
 * hardened value. Exit 1 with the reasons on failure.
 * Run: `npm run check:builder` (a counted runner of `npm test`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  linux?: { target?: unknown[]; category?: string; icon?: string };
  mac?: { target?: unknown[]; icon?: string };
  win?: { target?: unknown[]; icon?: string };
  [key: string]: unknown;
}

const REQUIRED_TARGETS = { linux: ['AppImage', 'deb', 'rpm'], mac: ['dmg'], win: ['nsis'] } as const;

/**
 * The fuses flipped in the packaged binary (electron-builder's `electronFuses`, @electron/fuses), and
 * the value each must have: no running the app as Node (ELECTRON_RUN_AS_NODE), no NODE_OPTIONS or
 * --inspect, app code only from an integrity-checked app.asar, no extra file:// privileges, and
 * cookies encrypted at rest. A fuse left out keeps Electron's default, which is the open one.
 */
export const HARDENED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

function fuseProblems(fuses: unknown): string[] {
  if (fuses === null || typeof fuses !== 'object') {
    return [`electronFuses is missing: the binary would keep Electron's default fuses (set ${Object.keys(HARDENED_FUSES).join(', ')})`];
  }
  const set = fuses as Record<string, unknown>;
  return Object.entries(HARDENED_FUSES).flatMap(([fuse, hardened]) => {
    if (!(fuse in set)) return [`electronFuses.${fuse} is missing (must be ${hardened})`];
    return set[fuse] === hardened ? [] : [`electronFuses.${fuse} is ${JSON.stringify(set[fuse])} (must be ${hardened})`];
  });
}

/** The problems with `config`, empty when electron-builder would accept it and it is complete. */
export async function checkBuilderConfig(config: BuilderConfig, base = root): Promise<string[]> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const problems: string[] = [];
  try {
    // electron-builder validates a copy it owns; so do we, as it may fill in defaults.
    await validateConfiguration(structuredClone(config), new DebugLogger(false));
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!config.appId) problems.push('appId is missing');
  if (!config.productName) problems.push('productName is missing');
  for (const [platform, targets] of Object.entries(REQUIRED_TARGETS)) {
    const section = config[platform] as { target?: unknown[]; icon?: string } | undefined;
    const have = (section?.target ?? []).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
    for (const target of targets) if (!have.includes(target)) problems.push(`${platform}.target lacks ${target}`);
    if (!section?.icon) problems.push(`${platform}.icon is missing`);
    else if (!existsSync(`${base}/${section.icon}`)) problems.push(`${platform}.icon: ${section.icon} does not exist (npm run icons)`);
  }
  problems.push(...fuseProblems(config.electronFuses));
  if (!config.linux?.category) problems.push('linux.category is missing (menus would file Certbell under "Other")');
  for (const state of ['ok', 'attention', 'error']) {
    if (!existsSync(`${base}/build/icons/tray-${state}.png`)) problems.push(`build/icons/tray-${state}.png does not exist (npm run icons)`);
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { build?: BuilderConfig };
  const problems = pkg.build ? await checkBuilderConfig(pkg.build) : ['package.json has no "build" key'];
  if (problems.length > 0) {
    console.error(`electron-builder config: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('electron-builder config: valid (electron-builder schema, targets, icons, hardened fuses)');
}
