import { jobForEffect, outboxEffectTypes } from '@khuyencong/jobs';
import { type ProcessorRegistry } from './processor-registry.js';

/**
 * At start, after the processors are registered: every effect type the outbox may hold (the engine's, per
 * ENGINE_EFFECTS, and the pipeline's own) must reach a registered processor, or the worker refuses to start —
 * an effect without one would otherwise fail job after job at run time.
 */
export function assertEveryEffectHasAProcessor(registry: ProcessorRegistry): void {
  const missing = outboxEffectTypes()
    .map((type) => ({ type, job: jobForEffect(type) }))
    .filter(({ job }) => job === undefined || !registry.has(job))
    .map(({ type, job }) => `${type} → ${job ?? '(no job)'}`);
  if (missing.length > 0) throw new Error(`the worker cannot start: no processor for effect type(s) ${missing.join(', ')}`);
}
