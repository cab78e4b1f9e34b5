import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Connection settings of one process. */
export interface DataSourceSettings {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Shows up in pg_stat_activity, so an operator can tell the API from the worker. */
  applicationName?: string;
  /**
   * No parallel query workers on these connections. For a request path whose queries stop after a page of
   * index rows, starting workers costs more than the query (EXPLAIN ANALYZE at 183,000 open tasks: the inbox
   * 16 ms with two workers, 1.7 ms without; the entry list 36 ms and 8 ms). Set once per connection, not per query.
   */
  serialQueries?: boolean;
  /**
   * Behind a pooler in transaction mode (DATABASE_TRANSACTION_POOLER): every process connects as `khuyencong`, whatever
   * `applicationName` says. PgBouncer (before 1.20) keeps one application_name per server connection and sends a
   * `SET application_name` whenever a connection passes to a client that gave another: with the API and the worker
   * named apart, that was ~1.8 extra transactions per command (the bench's commits per command, 8.6 against 6.9).
   */
  transactionPooler?: boolean;
  /** Log every SQL statement (development only). */
  logging?: boolean;
}

/** The name of the table TypeORM records applied migrations in. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * TypeORM options for the platform's database. The schema is owned by the migrations: `synchronize` is off
 * everywhere and migrations never run implicitly on connect (one dedicated step runs them, see runMigrations).
 * There are no entity classes: every query lives in a store of this package (src/stores, src/repositories), typed
 * by its own row interfaces — entities that described the tables only approximately (287 statements of schema
 * diff against the migrations: check constraints, generated search columns, partial indexes) were read by nothing.
 */
export function createDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.transactionPooler ? 'khuyencong' : (settings.applicationName ?? 'khuyencong'),
    poolSize: settings.poolSize ?? 10,
    ...(settings.serialQueries ? { extra: { options: '-c max_parallel_workers_per_gather=0' } } : {}),
    logging: settings.logging ?? false,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    // The migrations create what they need (gen_random_uuid is built in since PostgreSQL 13).
    installExtensions: false,
    entities: [],
    migrations: MIGRATIONS,
  };
}

/** A data source that is not yet initialised; call `initialize()` before use. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(createDataSourceOptions(settings));
}
