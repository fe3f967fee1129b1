export * from './types.ts';
export * from './text.ts';
export * from './delivery.ts';
export * from './hook.ts';
export * from './security.ts';
export * from './expiry.ts';
export * from './visibility.ts';
export * from './coalesce.ts';
