import { type EntityManager } from 'typeorm';

/** An entry being nominated upwards: its state, product, dossier and certificate. */
export interface NominationSource<S = unknown> {
  instanceId: string;
  state: S;
  roundId: string;
  establishmentId: string;
  productName: string;
  productGroup: string;
  dossier: Record<string, unknown>;
  certificateNumber: string | null;
  certificateStatus: string | null;
  /** YYYY-MM-DD */
  validUntil: string | null;
}

/** An entry already nominated into a round, and the entry it was nominated from. */
export interface NominationLink {
  nominatedFrom: string;
  instanceId: string;
}

/** The columns of the draft entry a nomination creates in the target round. */
export interface NominatedEntryInsert {
  instanceId: string;
  roundId: string;
  establishmentId: string;
  productName: string;
  productGroup: string;
  dossier: unknown;
  nominatedFrom: string;
  createdBy: string;
}

/** Nominations: entries of one round carried into the next level's round, with their dossiers and certificates. */
export class NominationStore {
  /** The listed entries (those that exist) with their certificates, instances locked FOR NO KEY UPDATE in id order (see EntryStore.lockInstanceState). */
  async lockSources<S = unknown>(manager: EntityManager, instanceIds: readonly string[]): Promise<NominationSource<S>[]> {
    const rows = await manager.query<
      {
        instance_id: string;
        state: S;
        round_id: string;
        establishment_id: string;
        product_name: string;
        product_group: string;
        dossier: Record<string, unknown>;
        certificate_number: string | null;
        certificate_status: string | null;
        valid_until: string | null;
      }[]
    >(
      `SELECT e.instance_id, i.state, e.round_id, e.establishment_id, e.product_name, e.product_group, e.dossier,
              c.number AS certificate_number, c.status AS certificate_status, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM entries e JOIN workflow_instances i ON i.id = e.instance_id LEFT JOIN certificates c ON c.instance_id = e.instance_id
        WHERE e.instance_id = ANY($1::uuid[]) ORDER BY e.instance_id FOR NO KEY UPDATE OF i`,
      [instanceIds],
    );
    return rows.map((row) => ({
      instanceId: row.instance_id,
      state: row.state,
      roundId: row.round_id,
      establishmentId: row.establishment_id,
      productName: row.product_name,
      productGroup: row.product_group,
      dossier: row.dossier,
      certificateNumber: row.certificate_number,
      certificateStatus: row.certificate_status,
      validUntil: row.valid_until,
    }));
  }

  /** Entries of the round nominated from any of these entries. */
  async findNominatedInto(manager: EntityManager, roundId: string, sourceIds: readonly string[]): Promise<NominationLink[]> {
    const rows = await manager.query<{ nominated_from: string; instance_id: string }[]>(
      `SELECT nominated_from, instance_id FROM entries WHERE round_id = $1 AND nominated_from = ANY($2::uuid[]) ORDER BY nominated_from`,
      [roundId, sourceIds],
    );
    return rows.map((row) => ({ nominatedFrom: row.nominated_from, instanceId: row.instance_id }));
  }

  /** How many entries of the target round were nominated from the source round (the quota counts them). */
  async countNominatedFrom(manager: EntityManager, targetRoundId: string, sourceRoundId: string): Promise<number> {
    const [{ already }] = await manager.query<[{ already: number }]>(
      `SELECT count(*)::int AS already FROM entries n JOIN entries s ON s.instance_id = n.nominated_from WHERE n.round_id = $1 AND s.round_id = $2`,
      [targetRoundId, sourceRoundId],
    );
    return already;
  }

  /** Writes the nominated entry row of a newly started instance (the dossier as JSON). */
  async insertNominatedEntry(manager: EntityManager, entry: NominatedEntryInsert): Promise<void> {
    await manager.query(
      `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, nominated_from, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.instanceId,
        entry.roundId,
        entry.establishmentId,
        entry.productName,
        entry.productGroup,
        JSON.stringify(entry.dossier),
        entry.nominatedFrom,
        entry.createdBy,
      ],
    );
  }
}
