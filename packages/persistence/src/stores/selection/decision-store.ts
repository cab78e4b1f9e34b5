import { type EntityManager } from 'typeorm';

/** An entry listed in a decision, with the version the engine expects and what its certificate names. */
export interface DecisionListedEntry {
  instanceId: string;
  version: number;
  roundId: string;
  establishmentId: string;
  productName: string;
}

/** The columns of a recognition decision. */
export interface DecisionInsert {
  roundId: string;
  number: string;
  /** YYYY-MM-DD */
  decidedOn: string;
  signerUserId: string;
  issuer: string;
  entryCount: number;
}

/** A certificate the decision issues, as the engine decided it (other fields of the object are ignored). */
export interface DecisionCertificateInsert {
  number: string;
  level: string;
  sequence: number;
  instanceId: string;
  establishmentId: string;
  productName: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD */
  validUntil: string;
}

/** A round's recognition decision. */
export interface DecisionRecord {
  id: string;
  number: string;
  /** YYYY-MM-DD */
  decidedOn: string;
  issuer: string;
  signerUserId: string | null;
}

/** A certificate of a decision's list, with its establishment. */
export interface DecisionCertificateItem {
  instanceId: string;
  number: string;
  productName: string;
  establishmentId: string;
  establishmentName: string;
  provinceCode: string | null;
  status: string;
  /** YYYY-MM-DD */
  validUntil: string;
}

/** Recognition decisions (one per round), the certificates they issue, and the certificate number counters. */
export class DecisionStore {
  /** The id of the round's decision, if it has one. */
  async findIdByRound(manager: EntityManager, roundId: string): Promise<string | undefined> {
    const [existing] = await manager.query<{ id: string }[]>(`SELECT id FROM recognition_decisions WHERE round_id = $1`, [roundId]);
    return existing?.id;
  }

  async findByRound(manager: EntityManager, roundId: string): Promise<DecisionRecord | undefined> {
    const [decision] = await manager.query<{ id: string; number: string; decided_on: string; issuer: string; signer_user_id: string | null }[]>(
      `SELECT id, number, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, issuer, signer_user_id FROM recognition_decisions WHERE round_id = $1`,
      [roundId],
    );
    return decision
      ? { id: decision.id, number: decision.number, decidedOn: decision.decided_on, issuer: decision.issuer, signerUserId: decision.signer_user_id }
      : undefined;
  }

  /** The decision's certificates in sequence order. */
  async listCertificates(manager: EntityManager, decisionId: string): Promise<DecisionCertificateItem[]> {
    const items = await manager.query<
      {
        instance_id: string;
        number: string;
        product_name: string;
        establishment_id: string;
        establishment_name: string;
        province_code: string | null;
        status: string;
        valid_until: string;
      }[]
    >(
      `SELECT c.instance_id, c.number, c.product_name, c.establishment_id, o.name AS establishment_name, o.province_code, c.status, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM certificates c JOIN organisations o ON o.id = c.establishment_id WHERE c.decision_id = $1 ORDER BY c.sequence`,
      [decisionId],
    );
    return items.map((item) => ({
      instanceId: item.instance_id,
      number: item.number,
      productName: item.product_name,
      establishmentId: item.establishment_id,
      establishmentName: item.establishment_name,
      provinceCode: item.province_code,
      status: item.status,
      validUntil: item.valid_until,
    }));
  }

  /** The listed entries (those that exist), their instances locked FOR NO KEY UPDATE in id order (see EntryStore.lockInstanceState). */
  async lockListedEntries(manager: EntityManager, instanceIds: readonly string[]): Promise<DecisionListedEntry[]> {
    const rows = await manager.query<{ instance_id: string; version: number; round_id: string; establishment_id: string; product_name: string }[]>(
      `SELECT e.instance_id, i.version, e.round_id, e.establishment_id, e.product_name
         FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.instance_id = ANY($1::uuid[]) ORDER BY e.instance_id FOR NO KEY UPDATE OF i`,
      [instanceIds],
    );
    return rows.map((row) => ({
      instanceId: row.instance_id,
      version: row.version,
      roundId: row.round_id,
      establishmentId: row.establishment_id,
      productName: row.product_name,
    }));
  }

  /** Writes the decision; returns its id. */
  async insert(manager: EntityManager, decision: DecisionInsert): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO recognition_decisions (round_id, number, decided_on, signer_user_id, issuer, entry_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [decision.roundId, decision.number, decision.decidedOn, decision.signerUserId, decision.issuer, decision.entryCount],
    );
    return row!.id;
  }

  /** Writes the decision's certificates in one statement. */
  async insertCertificates(
    manager: EntityManager,
    decisionId: string,
    year: number,
    roundId: string,
    certificates: readonly DecisionCertificateInsert[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO certificates (number, level, year, sequence, instance_id, decision_id, round_id, establishment_id, product_name, issued_on, valid_until)
       SELECT c.number, c.level, $2, c.sequence, c."instanceId", $1, $3, c."establishmentId", c."productName", c."issuedOn"::date, c."validUntil"::date
         FROM jsonb_to_recordset($4::jsonb) AS c(number text, level text, sequence int, "instanceId" uuid, "establishmentId" uuid, "productName" text, "issuedOn" text, "validUntil" text)`,
      [decisionId, year, roundId, JSON.stringify(certificates)],
    );
  }

  /**
   * Reserves `count` consecutive sequence numbers of the (series, year) counter inside the caller's transaction;
   * returns the last one reserved. The row lock taken by the upsert serialises concurrent decisions of the same
   * series only, and a rolled-back decision releases its numbers with it, so the numbers have no gaps.
   */
  async reserveCertificateSequence(manager: EntityManager, level: string, series: string, year: number, count: number): Promise<number> {
    const [row] = await manager.query<{ last_value: number }[]>(
      `INSERT INTO certificate_counters (level, series, year, last_value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (series, year) DO UPDATE SET last_value = certificate_counters.last_value + EXCLUDED.last_value
       RETURNING last_value`,
      [level, series, year, count],
    );
    return row!.last_value;
  }
}
