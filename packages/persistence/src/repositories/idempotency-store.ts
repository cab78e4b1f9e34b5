import { type EntityManager } from 'typeorm';
import { preparedQuery } from '../sql.js';

/** The remembered outcome of a command sent with an Idempotency-Key. */
export interface StoredResponse {
  userId: string;
  key: string;
  /** Hash of the request (method, path, body) the key was first used with. */
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
  createdAt: Date;
}

/** Idempotency keys of HTTP commands, scoped per user. */
export class IdempotencyStore {
  async get(manager: EntityManager, userId: string, key: string): Promise<StoredResponse | null> {
    const rows = await manager.query<
      { user_id: string; key: string; request_hash: string; response_status: number; response_body: unknown; created_at: Date }[]
    >(
      `SELECT user_id, key, request_hash, response_status, response_body, created_at
         FROM idempotency_keys WHERE user_id = $1::uuid AND key = $2::text`,
      [userId, key],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      userId: row.user_id,
      key: row.key,
      requestHash: row.request_hash,
      responseStatus: row.response_status,
      responseBody: row.response_body,
      createdAt: row.created_at,
    };
  }

  /**
   * Stores the response; put it in the command's own transaction so the key and the effect commit together.
   * Returns false when the key was already used (a concurrent duplicate won): roll back and replay `get`.
   */
  async put(manager: EntityManager, response: Omit<StoredResponse, 'createdAt'>): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
       VALUES ($1::uuid, $2::text, $3::text, $4::integer, $5::jsonb)
       ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO NOTHING RETURNING 1`,
      [
        response.userId,
        response.key,
        response.requestHash,
        response.responseStatus,
        response.responseBody === undefined ? null : JSON.stringify(response.responseBody),
      ],
    );
    return rows.length === 1;
  }

  /**
   * Claims the key for a new request, first thing in the command's transaction, in one statement: a placeholder
   * row is inserted and stays invisible to others until the transaction commits with the response
   * (`complete`). A concurrent request with the same key waits on the primary key until this transaction ends,
   * then finds the stored response (or, after a rollback, claims the key itself): the same command never runs
   * twice. Returns `{ claimed: true }`, or the response stored by the earlier request.
   */
  async claim(
    manager: EntityManager,
    userId: string,
    key: string,
    requestHash: string,
  ): Promise<{ claimed: true } | { claimed: false; stored: StoredResponse }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await preparedQuery<unknown>(
        manager,
        `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body)
         VALUES ($1::uuid, $2::text, $3::text, 202, NULL)
         ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO NOTHING RETURNING 1`,
        [userId, key, requestHash],
        'claimed integer',
      );
      if (rows.length === 1) return { claimed: true };
      const stored = await this.get(manager, userId, key);
      if (stored) return { claimed: false, stored };
      // The row went between the two statements (expired keys are purged): claim again.
    }
    throw new Error(`idempotency key ${key} could neither be claimed nor read`);
  }

  /** Records the response of a claimed key; the same transaction commits it with the command's writes. */
  async complete(manager: EntityManager, userId: string, key: string, responseStatus: number, responseBody: unknown): Promise<void> {
    await preparedQuery(
      manager,
      `UPDATE idempotency_keys SET response_status = $3::integer, response_body = $4::jsonb WHERE user_id = $1::uuid AND key = $2::text`,
      [userId, key, responseStatus, responseBody === undefined ? null : JSON.stringify(responseBody)],
    );
  }
}
