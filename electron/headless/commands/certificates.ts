/** `certbell certificates`: the inventory (SPEC §6). */
import { attentionReason } from '../../../shared/bridge/attention.ts';
import { withServices } from '../cli-services.ts';
import { parseOptions, table, writeJson, type Command } from '../cli-support.ts';

export const certificatesCommand: Command = {
  name: 'certificates',
  summary: 'List the certificate inventory with days left',
  usage: `certbell certificates [--json] [--data-dir DIR]

  --json   One JSON array: {id, commonName, orderId, orderStatus, status, operation, statusText,
           expireAt, daysLeft, activatedAt, preValidationStatus, failedValidators, lastEvent,
           lastDelivery, updatedAt, deployment}; soonest expiry first. deployment: the worst state of
           its deployment targets at their last check (old, wrong-name, unreachable, served), or null;
           failure: a renewal or reissue that failed and no later issue resolved
           ({event, operation, deliveryId, at}), or null
  The text table's ATTENTION column says why a certificate needs you, as the dashboard does.`,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } });
    const rows = await withServices(values['data-dir'], io, {}, (services) => services.certificates.list());
    if (values.json) return writeJson(io, rows), 0;
    if (rows.length === 0) return io.stdout.write('No certificates yet.\n'), 0;
    io.stdout.write(table([['COMMON NAME', 'STATUS', 'EXPIRES', 'DAYS LEFT', 'DEPLOYMENT', 'ATTENTION', 'LAST EVENT', 'ID'],
      ...rows.map((c) => [c.commonName ?? '-', c.statusText, c.expireAt?.slice(0, 10) ?? '-',
        c.daysLeft === null ? '-' : String(c.daysLeft), c.deployment ?? '-', attentionReason(c) ?? '-', c.lastEvent ?? '-', c.id])]));
    return 0;
  },
};
