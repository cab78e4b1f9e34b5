// Stores of the people area (queries moved out of the API's services).
export * from './audit-log-store.js';
export * from './calendar-store.js';
export * from './grant-store.js';
export * from './health-store.js';
export * from './metrics-store.js';
export * from './preference-store.js';
export * from './reference-data-store.js';
export * from './session-store.js';
export * from './user-store.js';
