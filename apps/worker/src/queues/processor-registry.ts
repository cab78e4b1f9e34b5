import { Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type JobName, type JobPayload, isJobName, parsePayload } from '@khuyencong/jobs';

/** A processor for one job name; receives the validated payload. Must be idempotent (delivery is at least once). */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;

/** Thrown for a job no processor is registered for: it fails without retries, visible in bull-board. */
export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`no processor for job "${name}"`);
    this.name = 'UnknownJobError';
  }
}

@Injectable()
export class ProcessorRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`a processor for "${name}" is already registered`);
    this.handlers.set(name, handler);
  }

  /** Validates the payload against the job's contract, then runs its processor. */
  async dispatch(job: Job): Promise<unknown> {
    const handler = isJobName(job.name) ? this.handlers.get(job.name) : undefined;
    if (!handler || !isJobName(job.name)) throw new UnknownJobError(job.name);
    return handler(parsePayload(job.name, job.data), job);
  }
}
