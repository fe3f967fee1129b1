/**
 * The one front door to the core: every use case, for every face. The CLI's commands, the HTTP
 * bridge of the headless UI and the desktop's IPC bridge all call these, and nothing below them.
 */
import { CertificateService } from './certificates.ts';
import { DeliveryService } from './deliveries.ts';
import { DeploymentService } from './deployment.ts';
import { HookService } from './hooks.ts';
import { NotificationService } from './notifications.ts';
import type { ServiceParts } from './service-parts.ts';
import { SettingsService } from './settings.ts';
import { StatusService } from './status.ts';
import { SyncService } from './sync.ts';
import { TunnelControl } from './tunnel.ts';

export interface Services {
  readonly deliveries: DeliveryService;
  readonly hooks: HookService;
  readonly certificates: CertificateService;
  readonly notifications: NotificationService;
  readonly settings: SettingsService;
  readonly tunnel: TunnelControl;
  readonly status: StatusService;
  readonly deployment: DeploymentService;
  readonly sync: SyncService;
}

export function createServices(parts: ServiceParts): Services {
  const deliveries = new DeliveryService(parts);
  return {
    deliveries,
    hooks: new HookService(parts, deliveries),
    certificates: new CertificateService(parts),
    notifications: new NotificationService(parts),
    settings: new SettingsService(parts),
    tunnel: new TunnelControl(parts),
    status: new StatusService(parts),
    deployment: new DeploymentService(parts),
    sync: new SyncService(parts),
  };
}

export { ServiceError, type ServiceErrorKind } from './service-error.ts';
export type { ListenerAddress, ServiceParts } from './service-parts.ts';
