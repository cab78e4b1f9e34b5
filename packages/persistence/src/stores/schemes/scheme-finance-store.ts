import { type EntityManager } from 'typeorm';

/** A payment or an advance recorded against a scheme. */
export interface SchemeDisbursementInsert {
  schemeId: string;
  kind: string;
  amount: number;
  paidOn: string;
  /** YYYY-MM of `paidOn`. */
  period: string;
  createdBy: string;
}

/** A change request (extension or new allocation) as the officer files it. */
export interface SchemeChangeInsert {
  schemeId: string;
  kind: string | undefined;
  reason: string;
  newAllocatedAmount: number | null;
  newEndsOn: string | null;
  requestedBy: string;
}

/** The scheme's latest pending change, with its amount and date as text (null when it asks for neither). */
export interface SchemeChangePending {
  id: string;
  amount: string | null;
  ends_on: string | null;
}

export interface SchemeSettlementInsert {
  schemeId: string;
  settledAmount: number;
  settledOn: string;
  recordedAgainst: string;
  createdBy: string;
}

/**
 * The money rows that follow a scheme command: disbursements, change requests and their decision, acceptances and
 * the settlement. Written in the command's transaction, after the engine decided.
 */
export class SchemeFinanceStore {
  async insertDisbursement(manager: EntityManager, disbursement: SchemeDisbursementInsert): Promise<void> {
    await manager.query(`INSERT INTO disbursements (scheme_id, kind, amount, paid_on, period, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      disbursement.schemeId,
      disbursement.kind,
      disbursement.amount,
      disbursement.paidOn,
      disbursement.period,
      disbursement.createdBy,
    ]);
  }

  /** The last payment a settlement makes: what was settled beyond what was disbursed (kind 'settlement'). */
  async insertSettlementDisbursement(manager: EntityManager, disbursement: Omit<SchemeDisbursementInsert, 'kind'>): Promise<void> {
    await manager.query(`INSERT INTO disbursements (scheme_id, kind, amount, paid_on, period, created_by) VALUES ($1, 'settlement', $2, $3, $4, $5)`, [
      disbursement.schemeId,
      disbursement.amount,
      disbursement.paidOn,
      disbursement.period,
      disbursement.createdBy,
    ]);
  }

  async insertChange(manager: EntityManager, change: SchemeChangeInsert): Promise<void> {
    await manager.query(
      `INSERT INTO scheme_changes (scheme_id, kind, reason, new_allocated_amount, new_ends_on, requested_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [change.schemeId, change.kind, change.reason, change.newAllocatedAmount, change.newEndsOn, change.requestedBy],
    );
  }

  /** The scheme's most recently requested change still pending, if any. */
  async latestPendingChange(manager: EntityManager, schemeId: string): Promise<SchemeChangePending | undefined> {
    const [change] = await manager.query<SchemeChangePending[]>(
      `SELECT id, new_allocated_amount::text AS amount, to_char(new_ends_on, 'YYYY-MM-DD') AS ends_on FROM scheme_changes WHERE scheme_id = $1 AND status = 'pending' ORDER BY requested_at DESC LIMIT 1`,
      [schemeId],
    );
    return change;
  }

  /** Records the decision on a change: its status, who decided and when. */
  async decideChange(manager: EntityManager, changeId: string, status: 'approved' | 'rejected', decidedBy: string): Promise<void> {
    await manager.query(`UPDATE scheme_changes SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [changeId, status, decidedBy]);
  }

  /** Records the acceptance council's outcome as the scheme's next attempt. */
  async insertAcceptance(manager: EntityManager, schemeId: string, outcome: string, conditions: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO acceptances (scheme_id, attempt, outcome, conditions)
       VALUES ($1, (SELECT COALESCE(MAX(attempt), 0) + 1 FROM acceptances WHERE scheme_id = $1), $2, $3)`,
      [schemeId, outcome, conditions],
    );
  }

  /** The settlement, booked under budget code 280-309. */
  async insertSettlement(manager: EntityManager, settlement: SchemeSettlementInsert): Promise<void> {
    await manager.query(
      `INSERT INTO settlements (scheme_id, settled_amount, settled_on, recorded_against, budget_code, created_by) VALUES ($1, $2, $3, $4, '280-309', $5)`,
      [settlement.schemeId, settlement.settledAmount, settlement.settledOn, settlement.recordedAgainst, settlement.createdBy],
    );
  }
}
