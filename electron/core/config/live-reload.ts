/**
 * What a live reload of config.json changes in the running core, in order: the settings in
 * force, the listener's limits, the listener's address (moved when host or port changed), then
 * the tunnel, which follows its own settings and a moved port. An invalid file changes nothing.
 */
import { formatConfigErrors, type Config } from '../../../shared/config/index.ts';
import type { Logger } from '../logger.ts';
import type { LoadedConfig, LoadOptions } from './config-file.ts';
import { ConfigWatcher } from './config-watcher.ts';

export type TunnelSettings = Config['tunnel'];

/** What an edit of the tunnel settings does to the tunnel: a pure decision. */
export type TunnelAction = 'stop' | 'restart' | 'start' | 'none';

export function tunnelAction(before: TunnelSettings, after: TunnelSettings, moved: boolean, running: boolean): TunnelAction {
  const changed = JSON.stringify(before.command) !== JSON.stringify(after.command) || before.urlPattern !== after.urlPattern;
  if (!after.command && running) return 'stop';
  if ((changed || moved) && running) return 'restart';
  if (after.command && after.autoStart && !before.autoStart) return 'start';
  return 'none';
}

export interface LiveReloadTargets {
  /** The new settings in force (set first: everything after reads them). */
  replace(loaded: LoadedConfig): void;
  /** The listener's limits and timeouts, applied at once. */
  listenerSettings(): void;
  /** Moves the listener if its address changed; true when it moved. */
  moveListener(): Promise<boolean>;
  tunnel(action: TunnelAction, before: TunnelSettings, after: TunnelSettings): void;
  /** Whether a tunnel is wanted (running or restarting). */
  tunnelRunning(): boolean;
  /** After each reload, what a shell owns (the desktop's autostart). */
  shell?: (loaded: LoadedConfig) => void;
}

export function startLiveReload(file: string, current: () => LoadedConfig, targets: LiveReloadTargets, logger: Logger,
  options?: LoadOptions): ConfigWatcher {
  const watcher = new ConfigWatcher(file, {
    onChange(loaded) {
      const before = current().config.tunnel;
      targets.replace(loaded);
      targets.listenerSettings();
      for (const warning of loaded.warnings) logger.warn(`config: ${warning}`);
      logger.info('config: reloaded config.json');
      void targets.moveListener().then((moved) => {
        const after = loaded.config.tunnel;
        targets.tunnel(tunnelAction(before, after, moved, targets.tunnelRunning()), before, after);
      });
      try { targets.shell?.(loaded); } catch (error) { logger.error(`config: ${(error as Error).message}`); }
    },
    onInvalid(errors) {
      logger.error(`config: config.json is invalid; the last valid settings stay in force:\n${formatConfigErrors(errors)}`);
    },
  }, options);
  watcher.start();
  return watcher;
}
