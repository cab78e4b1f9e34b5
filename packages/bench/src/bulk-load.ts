// Bulk loading for the read path: a few real entries and schemes made through the API at every interesting stage
// serve as templates, then SQL clones them (instance, entry or scheme, open tasks, disbursements) up to the wanted
// count, so the tables look like a platform with that many records without running that many commands.
import { type TestDatabase } from '@khuyencong/persistence/testing';

type DataSource = TestDatabase['dataSource'];

/** Clones instances of `kind` made so far until there are `total` of that kind; returns seconds spent. */
export async function cloneInstances(dataSource: DataSource, kind: 'entry' | 'scheme', total: number): Promise<number> {
  const started = Date.now();
  const [{ templates }] = await dataSource.query<[{ templates: number }]>(`SELECT count(*)::int AS templates FROM workflow_instances WHERE subject_kind = $1`, [
    kind,
  ]);
  if (templates === 0) throw new Error(`no ${kind} to clone`);
  const copies = Math.ceil((total - templates) / templates);
  await dataSource.transaction(async (tx) => {
    await tx.query(`DROP TABLE IF EXISTS bench_clone`);
    await tx.query(
      `CREATE TABLE bench_clone AS
         SELECT template_id, id, scheme_id, g FROM (
           SELECT t.id AS template_id, gen_random_uuid() AS id, gen_random_uuid() AS scheme_id, g
             FROM workflow_instances t CROSS JOIN generate_series(1, $2::int) g WHERE t.subject_kind = $1
            ORDER BY g, t.id LIMIT $3) c`,
      [kind, copies, total - templates],
    );
    await tx.query(
      `INSERT INTO workflow_instances (id, definition_code, definition_version, version, stage, status, state, subject_kind, establishment_id, commune_code,
                                       province_code, region_code, round_id, year, level, product_group, due_at, sla_state, created_by, created_at, updated_at)
       SELECT c.id, t.definition_code, t.definition_version, t.version, t.stage, t.status, t.state, t.subject_kind,
              t.establishment_id, t.commune_code, t.province_code, t.region_code, t.round_id, t.year, t.level, t.product_group,
              t.due_at + (c.g % 600) * interval '1 minute', t.sla_state, t.created_by, t.created_at - c.g * interval '1 second', t.updated_at - c.g * interval '1 second'
         FROM bench_clone c JOIN workflow_instances t ON t.id = c.template_id`,
    );
    await tx.query(
      `INSERT INTO open_tasks (instance_id, stage, actions, assignee_user_id, role, scope_type, scope_id, due_at, sla_state, created_at)
       SELECT c.id, o.stage, o.actions, o.assignee_user_id, o.role, o.scope_type, o.scope_id, o.due_at + (c.g % 600) * interval '1 minute', o.sla_state, o.created_at - c.g * interval '1 second'
         FROM bench_clone c JOIN open_tasks o ON o.instance_id = c.template_id`,
    );
    if (kind === 'entry') {
      // Tracking codes numbered here, after each round's last (migration EntryCodes: a bulk load numbers its rows).
      await tx.query(
        `INSERT INTO entries (instance_id, code, round_id, establishment_id, product_name, product_group, dossier, created_by, created_at, updated_at)
         SELECT c.id, kc_entry_code(p.prefix, (coalesce(ec.last_value, 0) + row_number() OVER (PARTITION BY p.prefix ORDER BY c.g, c.id))::int),
                e.round_id, e.establishment_id, e.product_name || ' #' || c.g, e.product_group, e.dossier, e.created_by,
                e.created_at - c.g * interval '1 second', e.updated_at - c.g * interval '1 second'
           FROM bench_clone c JOIN entries e ON e.instance_id = c.template_id
           CROSS JOIN LATERAL (SELECT kc_round_code(e.round_id) AS prefix) p
           LEFT JOIN entry_counters ec ON ec.prefix = p.prefix`,
      );
      await tx.query(`SELECT kc_sync_entry_counters()`);
    } else {
      await tx.query(
        `INSERT INTO schemes (id, instance_id, code, title, implementing_unit, programme_code, content_group_code, sub_activity, funding_source_code, year,
                              province_code, region_code, location, requested_amount, allocated_amount, progress_percent, contract_number, stage, created_by)
         SELECT c.scheme_id, c.id, s.code || '-' || c.g, s.title, s.implementing_unit, s.programme_code, s.content_group_code, s.sub_activity, s.funding_source_code, s.year,
                s.province_code, s.region_code, s.location, s.requested_amount, s.allocated_amount, s.progress_percent, s.contract_number, s.stage, s.created_by
           FROM bench_clone c JOIN schemes s ON s.instance_id = c.template_id`,
      );
      await tx.query(
        `INSERT INTO disbursements (scheme_id, kind, amount, paid_on, period, created_by)
         SELECT c.scheme_id, d.kind, d.amount, d.paid_on, d.period, d.created_by
           FROM bench_clone c JOIN schemes s ON s.instance_id = c.template_id JOIN disbursements d ON d.scheme_id = s.id`,
      );
    }
    await tx.query(`DROP TABLE bench_clone`);
  });
  // VACUUM as well as ANALYZE: a table that grew over months has its visibility map set by autovacuum (off on the
  // bench's server), and without it index-only scans (the scheme list's count) read the heap after all.
  await dataSource.query(`VACUUM (ANALYZE)`);
  return (Date.now() - started) / 1000;
}
