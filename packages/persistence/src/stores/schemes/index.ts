// The schemes area: schemes (with their lines, money rows and documents), the reference data they are checked
// against, annual plans, and the consulting centres' engagements.
export * from './scheme-store.js';
export * from './scheme-finance-store.js';
export * from './scheme-document-store.js';
export * from './scheme-reference-store.js';
export * from './annual-plan-store.js';
export * from './consulting-store.js';
