import { Injectable } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type JobName, type JobPayload, isJobName, parsePayload } from '@khuyencong/jobs';

/** A processor for one job name; receives the validated payload. Must be idempotent (delivery is at least once). */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<unknown>;

/**
 * A failure no retry can fix (the effect's row is gone or malformed, no processor exists): the job fails at
 * once, visible in bull-board. Anything else thrown is taken as transient and retried with backoff.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** Thrown for a job no processor is registered for: it fails without retries, visible in bull-board. */
export class UnknownJobError extends PermanentJobError {
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
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  has(name: JobName): boolean {
    return this.handlers.has(name);
  }

  /** Validates the payload against the job's contract, then runs its processor. */
  async dispatch(job: Job): Promise<unknown> {
    const handler = isJobName(job.name) ? this.handlers.get(job.name) : undefined;
    if (!handler || !isJobName(job.name)) throw new UnknownJobError(job.name);
    let payload: JobPayload<JobName>;
    try {
      payload = parsePayload(job.name, job.data);
    } catch (error) {
      throw new PermanentJobError(`job ${job.name} has an invalid payload: ${(error as Error).message}`);
    }
    return handler(payload, job);
  }
}
