export { createDataSource, createDataSourceOptions, MIGRATIONS_TABLE, type DataSourceSettings } from './data-source.js';
export { MIGRATIONS } from './migrations/index.js';
export { migrationStatus, revertLastMigration, runMigrations, type MigrationStatus } from './migrate.js';
export { GENESIS_HASH, verifyLinks, type ChainLink, type ChainVerification } from './hash-chain.js';
export * from './repositories/index.js';
export * from './stores/index.js';
export { seedReferenceData, type SeedOptions, type SeedSummary } from './seed/seed-reference-data.js';
export { type SeedMode } from './seed/upsert.js';
export {
  loadReferenceData,
  type CalendarData,
  type GeographyData,
  type KhuyenCongData,
  type ReferenceData,
} from './seed/reference-data.js';
export { preparedQuery, valuesList } from './sql.js';
export { cappedCountSql, COUNT_CAP, orderBy } from './list-sql.js';
export { containsPattern, fold, foldSql, prefixPattern } from './fold.js';
export { ChannelListener, type ChannelListenerOptions, type ListenerLog } from './listener.js';
