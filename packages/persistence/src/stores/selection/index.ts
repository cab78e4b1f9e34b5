// Stores of the selection area (queries moved out of the API's services).
export { type SelectionReach } from './reach.js';
export * from './round-store.js';
export * from './entry-store.js';
export * from './establishment-store.js';
export * from './applicant-store.js';
export * from './decision-store.js';
export * from './nomination-store.js';
export * from './certificate-store.js';
export * from './public-catalogue-store.js';
