import { type EntityManager } from 'typeorm';
import { GRANT_COVERED_UNITS_SQL } from '../people/grant-store.js';

/** An open role row of the inbox and the facts its claim rules need (the instance's state as stored). */
export interface ClaimTaskRow<S = unknown> {
  id: string;
  instance_id: string;
  stage: string;
  role: string;
  scope_type: string;
  scope_key: string;
  assignee_user_id: string | null;
  establishment_id: string | null;
  commune_code: string | null;
  province_code: string | null;
  region_code: string | null;
  state: S;
}

/** What names a claim: the inbox row's instance, stage, role and scope (scope_key '' for none). */
export interface TaskClaimKey {
  instance_id: string;
  stage: string;
  role: string;
  scope_type: string;
  scope_key: string;
}

/** A person as claims show them. */
export interface ClaimPerson {
  userId: string;
  name: string;
}

/**
 * "Who may hold this row": an active user with a current grant of the row's role over a unit that covers the
 * instance (the same rule that puts the row in their inbox). Aliases: `u` users, `i` workflow_instances; `$role`.
 */
function eligibleSql(role: string): string {
  return `u.active AND EXISTS (
    SELECT 1 FROM role_grants g
     WHERE g.user_id = u.id AND g.role = ${role} AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
       AND (g.scope_type = 'national' OR (CASE g.scope_type WHEN 'establishment' THEN i.establishment_id::text WHEN 'commune' THEN i.commune_code
            WHEN 'province' THEN i.province_code WHEN 'region' THEN i.region_code END) = ANY(${GRANT_COVERED_UNITS_SQL})))`;
}

/**
 * Advisory claims on inbox rows (task_claims, issue 14) and the open rows they are about. The rules (who may
 * claim, four eyes) are the API's.
 */
export class TaskClaimStore {
  /** Share-locks the task's instance, so that no command moves the instance until this transaction ends. */
  async lockInstanceOfTask(manager: EntityManager, taskId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM workflow_instances WHERE id = (SELECT instance_id FROM open_tasks WHERE id = $1) FOR SHARE`, [taskId]);
  }

  /** The open task row with where its instance sits and its state; undefined when the task is gone. */
  async findTask<S>(manager: EntityManager, taskId: string): Promise<ClaimTaskRow<S> | undefined> {
    const [row] = await manager.query<ClaimTaskRow<S>[]>(
      `SELECT t.id, t.instance_id, t.stage, t.role, t.scope_type, coalesce(t.scope_id, '') AS scope_key, t.assignee_user_id,
              i.establishment_id::text AS establishment_id, i.commune_code, i.province_code, i.region_code, i.state
         FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = $1`,
      [taskId],
    );
    return row;
  }

  /** Who holds the claim on the row, if anyone; `lock` takes the claim row FOR UPDATE. */
  async findClaimant(manager: EntityManager, row: TaskClaimKey, lock = false): Promise<ClaimPerson | null> {
    const [claim] = await manager.query<ClaimPerson[]>(
      `SELECT c.claimed_by AS "userId", u.display_name AS name FROM task_claims c JOIN users u ON u.id = c.claimed_by
        WHERE c.instance_id = $1 AND c.stage = $2 AND c.role = $3 AND c.scope_type = $4 AND c.scope_key = $5${lock ? ' FOR UPDATE OF c' : ''}`,
      [row.instance_id, row.stage, row.role, row.scope_type, row.scope_key],
    );
    return claim ?? null;
  }

  /** A user by id, as claims name them (the user exists: it is the caller or a chosen assignee). */
  async person(manager: EntityManager, userId: string): Promise<ClaimPerson> {
    const [user] = await manager.query<ClaimPerson[]>(`SELECT id AS "userId", display_name AS name FROM users WHERE id = $1`, [userId]);
    return user!;
  }

  /**
   * Claims the row for the user unless someone holds it; returns whether this inserted the claim. The primary key
   * decides between simultaneous claims: the second insert waits for the first and does nothing.
   */
  async insertClaim(manager: EntityManager, row: TaskClaimKey, userId: string): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO task_claims (instance_id, stage, role, scope_type, scope_key, claimed_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT pk_task_claims DO NOTHING RETURNING claimed_by`,
      [row.instance_id, row.stage, row.role, row.scope_type, row.scope_key, userId],
    );
    return inserted.length > 0;
  }

  /** Removes the row's claim. */
  async deleteClaim(manager: EntityManager, row: TaskClaimKey): Promise<void> {
    await manager.query(`DELETE FROM task_claims WHERE instance_id = $1 AND stage = $2 AND role = $3 AND scope_type = $4 AND scope_key = $5`, [
      row.instance_id,
      row.stage,
      row.role,
      row.scope_type,
      row.scope_key,
    ]);
  }

  /** Gives the row's claim to `userId`, recording who assigned it (replacing any claim). */
  async assignClaim(manager: EntityManager, row: TaskClaimKey, userId: string, assignedBy: string): Promise<void> {
    await manager.query(
      `INSERT INTO task_claims (instance_id, stage, role, scope_type, scope_key, claimed_by, assigned_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT pk_task_claims DO UPDATE SET claimed_by = EXCLUDED.claimed_by, assigned_by = EXCLUDED.assigned_by, claimed_at = now()`,
      [row.instance_id, row.stage, row.role, row.scope_type, row.scope_key, userId, assignedBy],
    );
  }

  /** The user, if they could hold a row of `role` on the instance (eligibleSql); undefined otherwise. */
  async findEligible(manager: EntityManager, userId: string, instanceId: string, role: string): Promise<ClaimPerson | undefined> {
    const [target] = await manager.query<ClaimPerson[]>(
      `SELECT u.id AS "userId", u.display_name AS name FROM users u, workflow_instances i WHERE u.id = $1 AND i.id = $2 AND ${eligibleSql('$3')}`,
      [userId, instanceId, role],
    );
    return target;
  }

  /** The people who could hold a row of `role` on the instance, but `except` (the submitter), by name, at most 200. */
  async listEligible(manager: EntityManager, instanceId: string, role: string, except: string | null): Promise<(ClaimPerson & { email: string })[]> {
    return manager.query<(ClaimPerson & { email: string })[]>(
      `SELECT u.id AS "userId", u.display_name AS name, u.email FROM users u, workflow_instances i
        WHERE i.id = $1 AND ${eligibleSql('$2')} AND u.id IS DISTINCT FROM $3::uuid
        ORDER BY u.display_name, u.email LIMIT 200`,
      [instanceId, role, except],
    );
  }
}
