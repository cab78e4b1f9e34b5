import { Module } from '@nestjs/common';
import { QueuesDashboardController } from './queues-dashboard.controller.js';
import { QueuesDashboardService } from './queues-dashboard.service.js';

/** bull-board for admins at /api/admin/queues (queue handles come from the global MetricsModule). */
@Module({ controllers: [QueuesDashboardController], providers: [QueuesDashboardService] })
export class QueuesDashboardModule {}
