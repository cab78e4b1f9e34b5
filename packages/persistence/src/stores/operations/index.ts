// Stores of the operations area (queries moved out of the API's services).
export * from './instance-coverage.js';
export * from './instance-read-store.js';
export * from './inbox-store.js';
export * from './task-claim-store.js';
export * from './document-store.js';
export * from './import-store.js';
export * from './report-store.js';
export * from './demo-store.js';
