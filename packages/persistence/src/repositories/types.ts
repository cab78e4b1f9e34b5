/** The list and inbox columns copied from an instance's state (the domain decides their values). */
export interface InstanceColumns {
  stage: string;
  status: string;
  /** entry | scheme */
  subjectKind: string;
  establishmentId?: string | null;
  communeCode?: string | null;
  provinceCode?: string | null;
  regionCode?: string | null;
  roundId?: string | null;
  year?: number | null;
  level?: string | null;
  productGroup?: string | null;
  dueAt?: Date | null;
  slaState?: string | null;
}

/** An event to append; seq, prev_hash and hash are assigned by the database. */
export interface NewEvent {
  type: string;
  actorUserId?: string | null;
  data?: unknown;
  /** From the caller's clock; defaults to the transaction time. */
  occurredAt?: Date;
}

/** An event as stored. `id` is a bigserial, hence a string. */
export interface StoredEvent {
  id: string;
  instanceId: string;
  seq: number;
  type: string;
  actorUserId: string | null;
  data: unknown;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

/** An inbox row to open. */
export interface NewTask {
  stage: string;
  actions: string[];
  role: string;
  /** establishment | commune | province | region | national */
  scopeType: string;
  /** Null exactly for national scope. */
  scopeId?: string | null;
  assigneeUserId?: string | null;
  dueAt?: Date | null;
  slaState?: string | null;
}

/** A side effect to hand to the outbox. */
export interface NewEffect {
  effectType: string;
  payload: unknown;
}

/** A timer to arm; an existing timer with the same key on the instance is re-armed. */
export interface NewTimer {
  kind: string;
  key: string;
  dueAt: Date;
  /** The engine command the worker sends, as the system actor, when the timer fires. */
  command?: string;
}
