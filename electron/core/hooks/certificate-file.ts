/** The PEM chain as a private temporary file for the length of one hook run. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withCertificateFile<T>(pem: string | null, run: (path: string | null) => Promise<T>): Promise<T> {
  if (pem === null) return run(null);
  const dir = mkdtempSync(join(tmpdir(), 'certbell-hook-'));
  const file = join(dir, 'certificate.pem');
  writeFileSync(file, pem, { mode: 0o600 });
  try {
    return await run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
