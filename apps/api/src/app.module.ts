import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from './config.js';
import { DatabaseModule } from './infra/database.module.js';
import { RedisModule } from './infra/redis.module.js';
import { ReadRoutingModule } from './infra/read-routing.js';
import { HealthModule } from './health/health.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { SelectionModule } from './selection/selection.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { AdminModule } from './admin/admin.module.js';
import { QueuesDashboardModule } from './queues-dashboard/queues-dashboard.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SchemesModule } from './schemes/schemes.module.js';
import { PlansModule } from './plans/plans.module.js';
import { ConsultingModule } from './consulting/consulting.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { MeModule } from './me/me.module.js';
import { AccessGuard } from './common/access.guard.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';

@Global()
@Module({})
class ConfigModule {
  static register(config: ApiConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: API_CONFIG, useValue: config }], exports: [API_CONFIG] };
  }
}

@Module({})
export class AppModule {
  /** The configuration is loaded and validated before the module graph is built. */
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        DatabaseModule,
        RedisModule,
        ReadRoutingModule,
        AuditModule,
        AuthModule,
        HealthModule,
        DocumentsModule,
        MetricsModule,
        QueuesDashboardModule,
        AdminModule,
        WorkflowModule,
        ReportsModule,
        SelectionModule,
        SchemesModule,
        PlansModule,
        ConsultingModule,
        ImportsModule,
        MeModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
