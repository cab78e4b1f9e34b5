export * from './money-rule-store.js';
