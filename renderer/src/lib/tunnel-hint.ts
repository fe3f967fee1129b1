/**
 * The dashboard's hint: deliveries refused for their signature since the tunnel came up are,
 * most likely, the provider's real deliveries signed with another secret than the ones configured.
 */
import { isCheckDelivery, type DeliverySummary } from '../../../shared/bridge/types.ts';

export function signatureRejectsSince(deliveries: readonly DeliverySummary[], upSince: string | null): number {
  if (!upSince) return 0;
  const since = Date.parse(upSince);
  return deliveries.filter((d) => d.outcome === 'rejected' && d.status === 401 && !isCheckDelivery(d.deliveryId)
    && Date.parse(d.receivedAt) >= since).length;
}

export const PHASE_TEXT: Record<string, string> = {
  stopped: 'Stopped', starting: 'Starting…', up: 'Up', failed: 'Failed', restarting: 'Restarting',
};
