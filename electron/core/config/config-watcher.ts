/** Live reload: watches the data directory for changes to config.json (editors replace files). */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { loadConfigFileSync, type LoadOptions, type LoadedConfig } from './config-file.ts';
import type { ConfigError } from '../../../shared/config/index.ts';

export interface ConfigWatcherEvents {
  onChange(loaded: LoadedConfig): void;
  onInvalid(errors: ConfigError[]): void;
}

export class ConfigWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string;
  private readonly events: ConfigWatcherEvents;
  private readonly options: LoadOptions;

  constructor(file: string, events: ConfigWatcherEvents, options: LoadOptions = {}) {
    this.file = file;
    this.events = events;
    this.options = options;
  }

  start(debounceMs = 100): void {
    const name = basename(this.file);
    this.watcher = watch(dirname(this.file), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), debounceMs);
    });
    this.watcher.unref();
  }

  reload(): void {
    const result = loadConfigFileSync(this.file, this.options);
    if (result.ok) this.events.onChange(result);
    else this.events.onInvalid(result.errors);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
