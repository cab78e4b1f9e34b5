import { type DynamicModule, Module } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from './config.js';
import { ProcessorRegistry } from './queues/processor-registry.js';
import { QueueHostService } from './queues/queue-host.service.js';

@Module({})
export class WorkerModule {
  static register(config: ResolvedWorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      providers: [{ provide: WORKER_CONFIG, useValue: config }, ProcessorRegistry, QueueHostService],
      exports: [ProcessorRegistry],
    };
  }
}
