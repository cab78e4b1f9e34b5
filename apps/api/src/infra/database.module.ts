import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { createDataSourceOptions } from '@khuyencong/persistence';
import { API_CONFIG } from '../config.js';

/** The API never runs migrations: one dedicated step does (`pnpm migrate`). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        ...createDataSourceOptions({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'khuyencong-api',
          transactionPooler: config.DATABASE_TRANSACTION_POOLER,
          // Requests read pages and single rows; the reports read maintained totals. A transaction pooler refuses or
          // drops a connection's startup options: there, set it per database instead (ALTER DATABASE … SET
          // max_parallel_workers_per_gather = 0, infra/pgbouncer/pgbouncer.ini).
          serialQueries: !config.DATABASE_TRANSACTION_POOLER,
        }),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
