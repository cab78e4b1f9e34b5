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
