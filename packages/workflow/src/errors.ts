/** Refusals of the pipeline itself (the engine's are `DomainError`s). */
export type PipelineErrorCode = 'INSTANCE_NOT_FOUND' | 'DEFINITION_NOT_FOUND';

export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'PipelineError';
  }
}

/**
 * A timer whose command met STALE_VERSION on every attempt (commands kept landing on its instance). Nothing was
 * written: the timer stays pending, and the worker fails the job (retried with backoff) or the sweep reports it.
 */
export class TimerContendedError extends Error {
  constructor(
    readonly timerId: string,
    readonly attempts: number,
  ) {
    super(`timer ${timerId}: its command met a newer instance version ${attempts} time(s); left pending`);
    this.name = 'TimerContendedError';
  }
}
