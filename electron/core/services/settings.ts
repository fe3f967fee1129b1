/** The settings of config.json as the UI edits them: masked reads, validation, and saves the live reload applies. */
import type { MaskedConfig, MethodParams, SaveResult, SettingsInput, ValidationResult } from '../../../shared/bridge/index.ts';
import { validateConfig } from '../../../shared/config/index.ts';
import { maskSettings } from './mask-settings.ts';
import type { ServiceParts } from './service-parts.ts';
import { SettingsEditor } from './settings-editor.ts';

export class SettingsService {
  private readonly parts: ServiceParts;
  private readonly editor: SettingsEditor;

  constructor(parts: ServiceParts) {
    this.parts = parts;
    this.editor = new SettingsEditor({ dataDir: parts.dataDir, config: parts.config, loadOptions: parts.loadOptions, encrypt: parts.encrypt });
  }

  /** Secrets reduced to their label and kind. */
  get(): MaskedConfig {
    return maskSettings(this.parts.config().config);
  }

  validate(config: unknown): ValidationResult {
    const result = validateConfig(config);
    return result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors };
  }

  save(config: SettingsInput): Promise<SaveResult> {
    return this.editor.saveSettings(config);
  }

  saveHooks(params: MethodParams<'hooks.save'>): Promise<SaveResult> {
    return this.editor.saveHooks(params);
  }
}
