/** `certbell deployment`: is the issued certificate what each host serves? (SPEC §12) */
import { STATE_LABELS } from '../../../shared/deployment/states.ts';
import type { DeploymentResult } from '../../../shared/bridge/types.ts';
import { streamLogger } from '../../core/logger.ts';
import { headlessNotifier } from '../headless-notifier.ts';
import { withServices } from '../cli-services.ts';
import { CommandError, parseOptions, table, UsageError, writeJson, type Command } from '../cli-support.ts';

function detail(r: DeploymentResult): string {
  if (r.error) return r.error;
  if (r.state === 'served') return r.chainVerified ? 'chain verified' : `chain not verified: ${r.chainError ?? 'unknown'}`;
  return `served ${r.servedFingerprint?.slice(0, 23) ?? '?'}…`;
}

export function deploymentTable(rows: readonly DeploymentResult[]): string {
  return table([['COMMON NAME', 'NAME', 'TARGET', 'STATE', 'SERVED EXPIRES', 'CHECKED', 'DETAIL'],
    ...rows.map((r) => [r.commonName ?? r.certificateId, r.name, r.target, r.state === 'unreachable' ? r.state : `${r.state} (${STATE_LABELS[r.state]})`,
      r.servedNotAfter?.slice(0, 10) ?? '-', r.checkedAt.slice(0, 19).replace('T', ' '), detail(r)])]);
}

export const deploymentCommand: Command = {
  name: 'deployment',
  summary: 'Show (or check now) whether each host serves the issued certificate',
  usage: `certbell deployment [--json] [--check] [--certificate ID] [--data-dir DIR]

  Each target of each certificate with an issued certificate: its common name and the DNS names of
  the issued certificate at port 443, or the addresses in deployment.targets. States: served (the
  issued certificate), old (another certificate for the name), wrong-name (a certificate that does
  not cover the name), unreachable (connect or TLS handshake failed).
  --check           Connect to every target now (at most 16 at once), store and print the results;
                    the notifications they raise are recorded and shown as the running app's are
  --certificate ID  Only this certificate
  --json            One JSON array: {certificateId, commonName, name, target, state,
                    servedFingerprint, issuedFingerprint, servedNotAfter, chainVerified, chainError,
                    checkedAt, durationMs, error}; the latest result per target`,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' }, check: { type: 'boolean' }, certificate: { type: 'string' } });
    const certificateId = values.certificate;
    if (certificateId !== undefined && certificateId.trim() === '') throw new UsageError('--certificate needs a certificate id');
    const notifier = values.check ? await headlessNotifier(streamLogger(io.stderr), io.env) : undefined;
    const { rows, wildcards } = await withServices(values['data-dir'], io, { mode: values.check ? 'write' : 'read', notifier },
      async (services) => {
        if (certificateId !== undefined && !services.certificates.get(certificateId)) {
          throw new CommandError(`no certificate ${certificateId}`);
        }
        const checked = values.check ? await services.deployment.check(certificateId) : null;
        const rows = checked ?? services.deployment.list(certificateId);
        const wildcards = values.check && !values.json ? services.deployment.status().wildcardsWithoutTarget
          .filter((w) => certificateId === undefined || w.certificateId === certificateId) : [];
        return { rows, wildcards };
      });
    if (values.json) return writeJson(io, rows), 0;
    if (rows.length === 0) {
      io.stdout.write(values.check ? 'Nothing to check: no certificate with an issued certificate has a host to connect to.\n'
        : 'No deployment results yet. Run "certbell deployment --check" to check now.\n');
    } else io.stdout.write(deploymentTable(rows));
    for (const w of wildcards) {
      io.stdout.write(`note: ${w.name} is a wildcard, with no host to connect to: add it to deployment.targets to check it\n`);
    }
    return 0;
  },
};
