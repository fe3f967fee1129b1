/**
 * Secrets typed in the desktop UI are sealed with Electron's safeStorage (OS keychain, DPAPI,
 * libsecret/kwallet) and stored in config.json as `{"label","encrypted"}` (base64). The core gets
 * `decrypt` through its load options; the renderer never sees a value.
 */
import { safeStorage } from 'electron';
import type { SecretStorageStatus } from '../../shared/bridge/index.ts';
import type { Logger } from '../core/logger.ts';

export interface Secrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  status(): SecretStorageStatus;
}

const PLAIN_TEXT_WARNING = 'No keyring (Secret Service or KWallet) is available, so secrets saved here are only '
  + 'obfuscated, not encrypted: anyone who can read config.json can recover them. Install and unlock a keyring '
  + '(gnome-keyring, KWallet), or use {"env": "VAR"} secrets.';

/** Only Linux names its backend; elsewhere safeStorage always uses the OS store. */
function backendName(platform: NodeJS.Platform): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown';
}

export function setupSecrets(options: { logger: Logger; platform?: NodeJS.Platform }): Secrets {
  const platform = options.platform ?? process.platform;
  const status = (): SecretStorageStatus => {
    if (!safeStorage.isEncryptionAvailable()) {
      return { backend: 'unavailable', secure: false, warning: 'Secret encryption is not available on this system; secrets cannot be saved from here. Use {"env": "VAR"} secrets.' };
    }
    const backend = backendName(platform);
    const secure = backend !== 'basic_text' && backend !== 'unknown';
    return { backend, secure, warning: secure ? null : PLAIN_TEXT_WARNING };
  };
  const first = status();
  if (first.warning) options.logger.warn(`secrets: ${first.warning}`);
  return {
    encrypt(plain) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('secret encryption is not available on this system');
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    status,
  };
}
