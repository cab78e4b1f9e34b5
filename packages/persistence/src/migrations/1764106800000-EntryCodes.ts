import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A dossier's tracking code (issue 15): what an applicant quotes on the phone and an officer types in a search box,
 * instead of an identifier. It is the round's code and a sequence: `2026-X-23734-0007` (commune round of xã 23734),
 * `2026-T-66-0012` (province round of the province with official code 66), `2026-KV-MT-0003` (the Central and
 * Highlands regional round), `2026-QG-0001` (national). Units without an official code (the provinces abolished on
 * 1 July 2025) use their own code in capitals without hyphens: `2024-T-GIALAI-0003`.
 *
 * PostgreSQL assigns it in a BEFORE INSERT trigger, so every writer (the API's entries and nominations, the demo, the
 * benchmark's seeding) numbers alike. The counter is kept per prefix, not per round: an abolished unit and its
 * successor may share an official code, and the code stays unique. The counter row is locked until the creating
 * transaction ends, so codes of one round are gapless and in creation order; a rolled-back entry frees its number.
 * Existing entries are numbered by creation time.
 *
 * A bulk loader (the benchmarks' seeding, hundreds of thousands of rows in one statement) numbers its rows itself, as
 * the backfill does, and then calls kc_sync_entry_counters(): the trigger leaves a supplied code alone, because one
 * counter row updated once per row of a single transaction costs time quadratic in the rows of that round.
 */
export class EntryCodes1764106800000 implements MigrationInterface {
  name = 'EntryCodes1764106800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE entry_counters (
        prefix text NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT pk_entry_counters PRIMARY KEY (prefix),
        CONSTRAINT ck_entry_counters_last_value CHECK (last_value > 0)
      )`,
      `CREATE FUNCTION kc_round_code(round uuid) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT r.year || '-' || CASE r.level
            WHEN 'commune' THEN 'X-' || coalesce(u.official_code, upper(replace(r.scope_code, '-', '')))
            WHEN 'province' THEN 'T-' || coalesce(u.official_code, upper(replace(r.scope_code, '-', '')))
            WHEN 'region' THEN 'KV-' || CASE r.scope_code WHEN 'NORTH' THEN 'MB' WHEN 'CENTRAL_HIGHLANDS' THEN 'MT' WHEN 'SOUTH' THEN 'MN' ELSE r.scope_code END
            ELSE 'QG' END
          FROM rounds r LEFT JOIN administrative_units u ON u.code = r.scope_code
         WHERE r.id = round
      $$`,
      `CREATE FUNCTION kc_entry_code(prefix text, seq integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT prefix || '-' || CASE WHEN seq < 10000 THEN lpad(seq::text, 4, '0') ELSE seq::text END
      $$`,
      `CREATE FUNCTION kc_assign_entry_code() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          round_prefix text;
          seq integer;
        BEGIN
          IF NEW.code IS NOT NULL THEN
            RETURN NEW;
          END IF;
          round_prefix := kc_round_code(NEW.round_id);
          INSERT INTO entry_counters AS c (prefix, last_value) VALUES (round_prefix, 1)
            ON CONFLICT (prefix) DO UPDATE SET last_value = c.last_value + 1
            RETURNING c.last_value INTO seq;
          NEW.code := kc_entry_code(round_prefix, seq);
          RETURN NEW;
        END
      $$`,
      `CREATE FUNCTION kc_sync_entry_counters() RETURNS void LANGUAGE sql AS $$
        INSERT INTO entry_counters AS c (prefix, last_value)
        SELECT kc_round_code(round_id), count(*)::integer FROM entries GROUP BY 1
        ON CONFLICT (prefix) DO UPDATE SET last_value = greatest(c.last_value, EXCLUDED.last_value)
      $$`,
      `ALTER TABLE entries ADD COLUMN code text NULL`,
      `WITH numbered AS (
         SELECT e.instance_id, kc_round_code(e.round_id) AS prefix,
                row_number() OVER (PARTITION BY kc_round_code(e.round_id) ORDER BY e.created_at, e.instance_id)::integer AS seq
           FROM entries e
       )
       UPDATE entries e SET code = kc_entry_code(n.prefix, n.seq) FROM numbered n WHERE n.instance_id = e.instance_id`,
      `SELECT kc_sync_entry_counters()`,
      `ALTER TABLE entries ALTER COLUMN code SET NOT NULL`,
      // text_pattern_ops: the lists find a code by its beginning (`2026-T-66`) as well as whole.
      `CREATE UNIQUE INDEX uq_entries_code ON entries (code text_pattern_ops)`,
      `CREATE TRIGGER tr_entries_code BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION kc_assign_entry_code()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP TRIGGER tr_entries_code ON entries`,
      `DROP INDEX uq_entries_code`,
      `ALTER TABLE entries DROP COLUMN code`,
      `DROP FUNCTION kc_assign_entry_code()`,
      `DROP FUNCTION kc_sync_entry_counters()`,
      `DROP FUNCTION kc_entry_code(text, integer)`,
      `DROP FUNCTION kc_round_code(uuid)`,
      `DROP TABLE entry_counters`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
