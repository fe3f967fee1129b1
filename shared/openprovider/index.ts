export * from './events.ts';
export * from './payloads.ts';
export * from './status-mapping.ts';
export * from './samples.ts';
