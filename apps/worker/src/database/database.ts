import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@khuyencong/persistence';
import { type DataSource } from 'typeorm';
import { type ResolvedWorkerConfig } from '../config.js';

/** Injection token of the worker's initialised TypeORM data source. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');

/** Connects to PostgreSQL before the worker boots. The worker never runs migrations. */
export async function connectDatabase(config: ResolvedWorkerConfig): Promise<DataSource> {
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `khuyencong-worker ${config.WORKER_ID}`.slice(0, 63),
    transactionPooler: config.DATABASE_TRANSACTION_POOLER,
  });
  return dataSource.initialize();
}

/**
 * Closes the pool last: `onApplicationShutdown` runs after every `onModuleDestroy` (the relay stops) and
 * `beforeApplicationShutdown` (running jobs finish), so nothing still needs a connection.
 */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
