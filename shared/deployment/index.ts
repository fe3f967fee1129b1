export * from './states.ts';
export * from './targets.ts';
