/** `certbell certificates`: the inventory (SPEC §6). */
import { certificateView } from '../../core/certificates/certificate-view.ts';
import { openStoreForReading } from '../open-store.ts';
import { parseOptions, table, writeJson, type Command } from '../cli-support.ts';

export const certificatesCommand: Command = {
  name: 'certificates',
  summary: 'List the certificate inventory with days left',
  usage: `certbell certificates [--json] [--data-dir DIR]

  --json   One JSON array: {id, commonName, orderId, orderStatus, status, operation, statusText,
           expireAt, daysLeft, activatedAt, preValidationStatus, failedValidators, lastEvent,
           lastDelivery, updatedAt}; soonest expiry first`,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } });
    const opened = openStoreForReading(values['data-dir'], io);
    try {
      const now = Date.now();
      const rows = (opened.store?.certificates.all() ?? []).map((c) => certificateView(c, now));
      if (values.json) return writeJson(io, rows), 0;
      if (rows.length === 0) return io.stdout.write('No certificates yet.\n'), 0;
      io.stdout.write(table([['COMMON NAME', 'STATUS', 'EXPIRES', 'DAYS LEFT', 'LAST EVENT', 'ID'],
        ...rows.map((c) => [c.commonName ?? '-', c.statusText, c.expireAt?.slice(0, 10) ?? '-',
          c.daysLeft === null ? '-' : String(c.daysLeft), c.lastEvent ?? '-', c.id])]));
      return 0;
    } finally {
      opened.close();
    }
  },
};
