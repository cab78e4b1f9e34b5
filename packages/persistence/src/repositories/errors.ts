/** Codes of the errors this package throws on purpose; callers switch over them exhaustively. */
export type PersistenceErrorCode = 'stale_version' | 'instance_not_found' | 'key_already_used';

/** Base of the typed persistence errors. */
export abstract class PersistenceError extends Error {
  abstract readonly code: PersistenceErrorCode;
}

/** The instance changed since the caller loaded it: reload, decide again, or report a conflict. */
export class StaleVersionError extends PersistenceError {
  readonly code = 'stale_version';
  constructor(
    readonly instanceId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`workflow instance ${instanceId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'StaleVersionError';
  }
}

/** No instance with this id. */
export class InstanceNotFoundError extends PersistenceError {
  readonly code = 'instance_not_found';
  constructor(readonly instanceId: string) {
    super(`workflow instance ${instanceId} does not exist`);
    this.name = 'InstanceNotFoundError';
  }
}

/** The idempotency key was claimed by an earlier request (committed): replay its stored response. */
export class KeyAlreadyUsedError extends PersistenceError {
  readonly code = 'key_already_used';
  constructor(
    readonly userId: string,
    readonly key: string,
  ) {
    super(`idempotency key ${key} was already used`);
    this.name = 'KeyAlreadyUsedError';
  }
}
