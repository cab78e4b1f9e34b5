import { type MigrationInterface, type QueryRunner } from 'typeorm';

const FAR_FUTURE = `'9999-12-31T00:00:00.000Z'::timestamptz`;

/** The columns a plan-vs-actual report groups or filters schemes by: one row of scheme_group_totals per combination. */
const GROUP_COLUMNS = ['year', 'province_code', 'funding_source_code', 'programme_code', 'content_group_code', 'region_code'] as const;
const cols = (alias?: string) => GROUP_COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
/** The group row of the scheme `s`: equality (hashable, indexable) on the NOT NULL columns; region_code may be NULL. */
const sameGroup = (group: string, s: string) =>
  GROUP_COLUMNS.map((column) =>
    column === 'region_code' ? `${group}.${column} IS NOT DISTINCT FROM ${s}.${column}` : `${group}.${column} = ${s}.${column}`,
  ).join(' AND ');

/**
 * Books `changes` (scheme_id, paid_on, signed amount, signed count) to the groups of their schemes, after taking
 * FOR SHARE on those schemes so their group cannot change under the booking. A scheme already deleted (its
 * disbursements cascading) books nothing: its BEFORE DELETE trigger took its disbursements out.
 */
function bookDisbursements(changes: string): string {
  return `PERFORM 1 FROM schemes s WHERE s.id IN (SELECT scheme_id FROM (${changes}) c) ORDER BY s.id FOR SHARE OF s;
          INSERT INTO scheme_group_disbursed_days AS t (scheme_group_id, paid_on, amount, disbursements)
          SELECT g.id, c.paid_on, sum(c.amount), sum(c.n)
            FROM (${changes}) c JOIN schemes s ON s.id = c.scheme_id JOIN scheme_group_totals g ON ${sameGroup('g', 's')}
           GROUP BY g.id, c.paid_on ORDER BY 1, 2
          ON CONFLICT (scheme_group_id, paid_on) DO UPDATE SET amount = t.amount + EXCLUDED.amount, disbursements = t.disbursements + EXCLUDED.disbursements;`;
}

/**
 * Read-path aggregates and indexes (found by the read benchmark, docs/benchmarks.md).
 *
 * The plan-vs-actual report summed every disbursement of the year's schemes on each request (200,000 rows at
 * 100,000 schemes). Two running totals, kept by triggers in the transaction that changes a scheme or a
 * disbursement, let it read a few hundred rows instead:
 * - scheme_group_totals: per (year, province, funding source, programme, content group, region) the number of
 *   schemes and the sum of their allocations;
 * - scheme_group_disbursed_days: per group and payment day the sum disbursed, so a period-to-date cut-off is a
 *   range over days.
 * The disbursement trigger takes FOR SHARE on the schemes it books to, so a concurrent change of a scheme's
 * province, source, year… waits for it (or it waits for that change) and the amount lands in the right group.
 * A group row is locked while a transaction books to it: disbursements of one province, source and day queue
 * behind each other until commit (short transactions; the report is exact in return).
 *
 * Indexes: the inbox reads tasks assigned to the caller and unassigned tasks of a role each in its own deadline
 * order; the entry list finds instances by a judge's or council member's assignment (GIN on the arrays, queried
 * with @>); the scheme list walks a province's schemes in the list's own order and counts them from the index.
 */
export class ReadPathAggregates1764104000000 implements MigrationInterface {
  name = 'ReadPathAggregates1764104000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE scheme_group_totals (
        id bigint GENERATED ALWAYS AS IDENTITY,
        year integer NOT NULL,
        province_code text NOT NULL,
        funding_source_code text NOT NULL,
        programme_code text NOT NULL,
        content_group_code text NOT NULL,
        region_code text NULL,
        schemes integer NOT NULL DEFAULT 0,
        allocated_amount bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_scheme_group_totals PRIMARY KEY (id),
        CONSTRAINT ck_scheme_group_totals_schemes_nonneg CHECK (schemes >= 0)
      )`,
      `CREATE UNIQUE INDEX uq_scheme_group_totals_group ON scheme_group_totals (${cols()}) NULLS NOT DISTINCT`,
      `CREATE TABLE scheme_group_disbursed_days (
        scheme_group_id bigint NOT NULL,
        paid_on date NOT NULL,
        amount bigint NOT NULL DEFAULT 0,
        disbursements integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_scheme_group_disbursed_days PRIMARY KEY (scheme_group_id, paid_on),
        CONSTRAINT fk_scheme_group_disbursed_days_group FOREIGN KEY (scheme_group_id) REFERENCES scheme_group_totals (id) ON DELETE CASCADE
      )`,
      // No CHECK (disbursements >= 0): PostgreSQL checks the row an upsert proposes, and a deletion proposes -1.

      // Schemes inserted (in bulk too): one upsert per group, in key order so concurrent inserts lock alike.
      `CREATE FUNCTION scheme_group_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO scheme_group_totals AS g (${cols()}, schemes, allocated_amount)
        SELECT ${cols()}, count(*), COALESCE(sum(allocated_amount), 0) FROM inserted_schemes GROUP BY ${cols()} ORDER BY ${cols()}
        ON CONFLICT (${cols()}) DO UPDATE SET schemes = g.schemes + EXCLUDED.schemes, allocated_amount = g.allocated_amount + EXCLUDED.allocated_amount;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER tg_schemes_group_totals_insert AFTER INSERT ON schemes REFERENCING NEW TABLE AS inserted_schemes
        FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_totals_on_insert()`,

      // A scheme changes group (or allocation): move its count, allocation and disbursements.
      `CREATE FUNCTION scheme_group_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_group bigint;
        new_group bigint;
      BEGIN
        -- Both group rows locked in id order first, so two schemes moving in opposite directions do not deadlock.
        PERFORM 1 FROM scheme_group_totals g WHERE (${sameGroup('g', 'OLD')}) OR (${sameGroup('g', 'NEW')}) ORDER BY g.id FOR UPDATE;
        INSERT INTO scheme_group_totals AS g (${cols()}, schemes, allocated_amount)
        VALUES (${cols('NEW')}, 1, COALESCE(NEW.allocated_amount, 0))
        ON CONFLICT (${cols()}) DO UPDATE SET schemes = g.schemes + 1, allocated_amount = g.allocated_amount + EXCLUDED.allocated_amount
        RETURNING id INTO new_group;
        UPDATE scheme_group_totals g SET schemes = g.schemes - 1, allocated_amount = g.allocated_amount - COALESCE(OLD.allocated_amount, 0)
         WHERE ${sameGroup('g', 'OLD')}
        RETURNING id INTO old_group;
        IF old_group IS DISTINCT FROM new_group THEN
          INSERT INTO scheme_group_disbursed_days AS t (scheme_group_id, paid_on, amount, disbursements)
          SELECT moves.scheme_group_id, d.paid_on, moves.sign * sum(d.amount), moves.sign * count(*)
            FROM disbursements d CROSS JOIN (VALUES (old_group, -1), (new_group, 1)) AS moves (scheme_group_id, sign)
           WHERE d.scheme_id = NEW.id
           GROUP BY moves.scheme_group_id, moves.sign, d.paid_on ORDER BY 1, 2
          ON CONFLICT (scheme_group_id, paid_on) DO UPDATE SET amount = t.amount + EXCLUDED.amount, disbursements = t.disbursements + EXCLUDED.disbursements;
        END IF;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER tg_schemes_group_totals_update AFTER UPDATE ON schemes FOR EACH ROW
        WHEN ((${cols('OLD')}, OLD.allocated_amount) IS DISTINCT FROM (${cols('NEW')}, NEW.allocated_amount))
        EXECUTE FUNCTION scheme_group_totals_on_update()`,

      // A scheme deleted: BEFORE, while its disbursements still exist (their cascade then finds no scheme to book to).
      `CREATE FUNCTION scheme_group_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_group bigint;
      BEGIN
        UPDATE scheme_group_totals g SET schemes = g.schemes - 1, allocated_amount = g.allocated_amount - COALESCE(OLD.allocated_amount, 0)
         WHERE ${sameGroup('g', 'OLD')}
        RETURNING id INTO old_group;
        INSERT INTO scheme_group_disbursed_days AS t (scheme_group_id, paid_on, amount, disbursements)
        SELECT old_group, d.paid_on, -sum(d.amount), -count(*) FROM disbursements d WHERE d.scheme_id = OLD.id GROUP BY d.paid_on ORDER BY 2
        ON CONFLICT (scheme_group_id, paid_on) DO UPDATE SET amount = t.amount + EXCLUDED.amount, disbursements = t.disbursements + EXCLUDED.disbursements;
        RETURN OLD;
      END $$`,
      `CREATE TRIGGER tg_schemes_group_totals_delete BEFORE DELETE ON schemes FOR EACH ROW EXECUTE FUNCTION scheme_group_totals_on_delete()`,

      // Disbursements inserted, changed or deleted: book the difference to their schemes' groups and days.
      `CREATE FUNCTION scheme_group_disbursed_days_book() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${bookDisbursements('SELECT scheme_id, paid_on, amount, 1 AS n FROM new_disbursements')}
        ELSIF TG_OP = 'DELETE' THEN
          ${bookDisbursements('SELECT scheme_id, paid_on, -amount AS amount, -1 AS n FROM old_disbursements')}
        ELSE
          ${bookDisbursements('SELECT scheme_id, paid_on, amount, 1 AS n FROM new_disbursements UNION ALL SELECT scheme_id, paid_on, -amount, -1 FROM old_disbursements')}
        END IF;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER tg_disbursements_days_insert AFTER INSERT ON disbursements REFERENCING NEW TABLE AS new_disbursements
        FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_disbursed_days_book()`,
      `CREATE TRIGGER tg_disbursements_days_update AFTER UPDATE ON disbursements REFERENCING OLD TABLE AS old_disbursements NEW TABLE AS new_disbursements
        FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_disbursed_days_book()`,
      `CREATE TRIGGER tg_disbursements_days_delete AFTER DELETE ON disbursements REFERENCING OLD TABLE AS old_disbursements
        FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_disbursed_days_book()`,

      // TRUNCATE fires no row triggers: empty the totals with the tables they sum.
      `CREATE FUNCTION scheme_group_totals_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'schemes' THEN
          DELETE FROM scheme_group_totals;
        ELSE
          DELETE FROM scheme_group_disbursed_days;
        END IF;
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER tg_schemes_group_totals_truncate AFTER TRUNCATE ON schemes FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_totals_on_truncate()`,
      `CREATE TRIGGER tg_disbursements_days_truncate AFTER TRUNCATE ON disbursements FOR EACH STATEMENT EXECUTE FUNCTION scheme_group_totals_on_truncate()`,

      // Backfill from the rows already there.
      `INSERT INTO scheme_group_totals (${cols()}, schemes, allocated_amount)
       SELECT ${cols()}, count(*), COALESCE(sum(allocated_amount), 0) FROM schemes GROUP BY ${cols()}`,
      `INSERT INTO scheme_group_disbursed_days (scheme_group_id, paid_on, amount, disbursements)
       SELECT g.id, d.paid_on, sum(d.amount), count(*)
         FROM disbursements d JOIN schemes s ON s.id = d.scheme_id JOIN scheme_group_totals g ON ${sameGroup('g', 's')}
        GROUP BY g.id, d.paid_on`,

      `CREATE INDEX ix_open_tasks_assignee_order ON open_tasks (assignee_user_id, (coalesce(due_at, ${FAR_FUTURE})), id) WHERE assignee_user_id IS NOT NULL`,
      `CREATE INDEX ix_open_tasks_unassigned_order ON open_tasks (role, (coalesce(due_at, ${FAR_FUTURE})), id) WHERE assignee_user_id IS NULL`,
      `CREATE INDEX ix_instances_jury_judges ON workflow_instances USING gin ((state -> 'jury' -> 'judges') jsonb_path_ops)`,
      `CREATE INDEX ix_instances_council_members ON workflow_instances USING gin ((state -> 'council' -> 'members') jsonb_path_ops)`,
      `CREATE INDEX ix_schemes_province_year_code ON schemes (province_code, year DESC, code)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP INDEX ix_schemes_province_year_code`,
      `DROP INDEX ix_instances_council_members`,
      `DROP INDEX ix_instances_jury_judges`,
      `DROP INDEX ix_open_tasks_unassigned_order`,
      `DROP INDEX ix_open_tasks_assignee_order`,
      `DROP TRIGGER tg_disbursements_days_truncate ON disbursements`,
      `DROP TRIGGER tg_schemes_group_totals_truncate ON schemes`,
      `DROP FUNCTION scheme_group_totals_on_truncate()`,
      `DROP TRIGGER tg_disbursements_days_delete ON disbursements`,
      `DROP TRIGGER tg_disbursements_days_update ON disbursements`,
      `DROP TRIGGER tg_disbursements_days_insert ON disbursements`,
      `DROP FUNCTION scheme_group_disbursed_days_book()`,
      `DROP TRIGGER tg_schemes_group_totals_delete ON schemes`,
      `DROP FUNCTION scheme_group_totals_on_delete()`,
      `DROP TRIGGER tg_schemes_group_totals_update ON schemes`,
      `DROP FUNCTION scheme_group_totals_on_update()`,
      `DROP TRIGGER tg_schemes_group_totals_insert ON schemes`,
      `DROP FUNCTION scheme_group_totals_on_insert()`,
      `DROP TABLE scheme_group_disbursed_days`,
      `DROP TABLE scheme_group_totals`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
