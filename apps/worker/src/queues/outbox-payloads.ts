import { readOutboxPayload, type EffectType } from '@khuyencong/jobs';
import { PermanentJobError } from './processor-registry.js';

/**
 * An outbox row's payload read by its processor through the one schema of its effect type (@khuyencong/jobs'
 * OUTBOX_PAYLOADS); a malformed row fails the job for good, naming the field, instead of being retried.
 */
export function readPayload<T extends EffectType>(outboxId: string, effectType: T, payload: unknown): ReturnType<typeof readOutboxPayload<T>> {
  try {
    return readOutboxPayload(effectType, payload);
  } catch (error) {
    throw new PermanentJobError(`outbox #${outboxId}: ${(error as Error).message}`);
  }
}
