import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { WorkflowRunner } from '@khuyencong/workflow';
import { CommandPipeline } from './command-pipeline.js';
import { InboxClaimsService } from './inbox-claims.service.js';
import { InboxService } from './inbox.service.js';
import { InstancesController } from './instances.controller.js';
import { InboxController } from './inbox.controller.js';
import { InstancesService } from './instances.service.js';

/** The command pipeline over HTTP: commands with idempotency and versions, instance reads, the inbox. */
@Global()
@Module({
  controllers: [InstancesController, InboxController],
  providers: [
    { provide: WorkflowRunner, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new WorkflowRunner({ dataSource }) },
    CommandPipeline,
    InstancesService,
    InboxService,
    InboxClaimsService,
  ],
  exports: [WorkflowRunner, CommandPipeline, InstancesService],
})
export class WorkflowModule {}
