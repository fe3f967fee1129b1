export * from './types.ts';
export * from './sync-types.ts';
export * from './methods.ts';
export * from './events.ts';
export * from './tunnel-status.ts';
export * from './attention.ts';
