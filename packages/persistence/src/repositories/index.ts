export * from './errors.js';
export * from './types.js';
export * from './event-store.js';
export * from './instance-store.js';
export * from './outbox-store.js';
export * from './receipt-store.js';
export * from './timer-store.js';
export * from './idempotency-store.js';
