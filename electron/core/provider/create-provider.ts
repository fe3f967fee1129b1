/** The configured provider (SPEC §13), or why there is none; one client per set of credentials, so its token is reused. */
import type { ProviderConfig } from '../../../shared/config/index.ts';
import type { LoadedConfig } from '../config/config-file.ts';
import { OpenproviderProvider } from './openprovider-provider.ts';
import { ProviderError, type CertificateProvider } from './provider.ts';

export const NOT_CONFIGURED = 'no provider is configured: add a "provider" block to config.json (see the README, "Provider sync")';

export interface ProviderSettings {
  config: ProviderConfig;
  password: string;
}

/** A provider for these settings (a new client, logged out). */
export function providerFor(settings: ProviderSettings): CertificateProvider {
  const { config, password } = settings;
  return new OpenproviderProvider({ apiUrl: config.apiUrl, username: config.username, password }, { timeoutMs: config.timeoutMs });
}

/** The provider settings in force, or a `not-configured` ProviderError saying why there are none. */
export function providerSettings(loaded: LoadedConfig): ProviderSettings {
  const config = loaded.config.provider;
  if (!config) throw new ProviderError('not-configured', NOT_CONFIGURED);
  if (loaded.providerPassword === undefined) {
    throw new ProviderError('not-configured', loaded.providerProblem ?? 'the provider password cannot be read by this process');
  }
  return { config, password: loaded.providerPassword };
}

/** Keeps one provider while the settings stay the same (the API token is reused between syncs). */
export class ProviderCache {
  private current: { settings: ProviderSettings; provider: CertificateProvider } | null = null;

  get(loaded: LoadedConfig): CertificateProvider {
    const settings = providerSettings(loaded);
    if (!this.current || !sameSettings(this.current.settings, settings)) this.current = { settings, provider: providerFor(settings) };
    return this.current.provider;
  }
}

function sameSettings(a: ProviderSettings, b: ProviderSettings): boolean {
  return a.password === b.password && JSON.stringify(a.config) === JSON.stringify(b.config);
}
