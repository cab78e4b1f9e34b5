// Seeding for the list benchmark: establishments, rounds, entries and schemes written straight by SQL
// (generate_series), spread over today's provinces and their communes, six years, every stage and deadline state,
// with product names and scheme titles varied enough for a text search to mean something.
import { type TestDatabase } from '@khuyencong/persistence/testing';

type DataSource = TestDatabase['dataSource'];

/** Product names (with Vietnamese diacritics: the search folds them) and their groups. */
const PRODUCTS: readonly [string, string][] = [
  ['Cà phê rang xay nguyên chất', 'PROCESSED_FOOD'],
  ['Cà phê hạt Arabica rang mộc', 'PROCESSED_FOOD'],
  ['Khăn choàng thổ cẩm dệt tay', 'HANDICRAFT'],
  ['Bộ ấm chén gốm nung thủ công', 'HANDICRAFT'],
  ['Bộ giỏ mây đan', 'HANDICRAFT'],
  ['Tượng gỗ điêu khắc', 'HANDICRAFT'],
  ['Hạt điều rang muối', 'PROCESSED_FOOD'],
  ['Nước mắm cá cơm truyền thống', 'PROCESSED_FOOD'],
  ['Mật ong rừng nguyên chất', 'PROCESSED_FOOD'],
  ['Trà atiso túi lọc', 'PROCESSED_FOOD'],
  ['Máy xát vỏ cà phê', 'MECHANICAL'],
  ['Máy sấy nông sản', 'MECHANICAL'],
  ['Tinh dầu sả chanh', 'OTHER'],
  ['Tượng đá mỹ nghệ', 'OTHER'],
];
const STAGES: readonly [string, string][] = [
  ['draft', 'active'],
  ['screening', 'active'],
  ['revision', 'active'],
  ['scoring', 'active'],
  ['council_review', 'active'],
  ['decision', 'active'],
  ['recognised', 'terminal'],
  ['not_recognised', 'terminal'],
  ['ineligible', 'terminal'],
  ['withdrawn', 'terminal'],
];
const SCHEME_STAGES = [
  'draft',
  'base_appraisal',
  'central_appraisal',
  'awaiting_local_plan',
  'in_plan',
  'in_progress',
  'acceptance',
  'settlement',
  'closed',
  'rejected',
];
const SCHEME_TITLES = [
  'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn',
  'Hỗ trợ ứng dụng máy móc chế biến cà phê',
  'Mô hình trình diễn kỹ thuật sấy nông sản',
  'Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu',
  'Xây dựng phòng trưng bày giới thiệu sản phẩm',
  'Tư vấn thiết kế mẫu mã bao bì sản phẩm',
  'Hỗ trợ sản xuất sạch hơn tại cơ sở chế biến hạt điều',
  'Đào tạo nâng cao năng lực quản lý doanh nghiệp',
];
export const YEARS = [2021, 2022, 2023, 2024, 2025, 2026] as const;

const literal = (rows: readonly (readonly string[])[]) => rows.map((row) => `(${row.map((cell) => `'${cell.replace(/'/g, "''")}'`).join(', ')})`).join(', ');

export interface Seeded {
  provinces: string[];
  establishments: number;
  entries: number;
  schemes: number;
  seconds: number;
}

/** Writes `establishments`, then `entries` entries and `schemes` schemes; `createdBy` is any user. */
export async function seedLists(
  dataSource: DataSource,
  createdBy: string,
  counts: { establishments: number; entries: number; schemes: number },
): Promise<Seeded> {
  const started = Date.now();
  await dataSource.transaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE bench_units ON COMMIT DROP AS
      WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day),
           provinces AS (SELECT p.code, p.name, row_number() OVER (ORDER BY p.code) - 1 AS p FROM administrative_units p, today
                          WHERE p.level = 'province' AND p.valid_from <= today.day AND (p.valid_to IS NULL OR p.valid_to >= today.day))
      SELECT pr.code AS province_code, pr.name AS province_name, pr.p, c.code AS commune_code, c.n,
             (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = pr.code ORDER BY m.valid_from DESC LIMIT 1) AS region_code
        FROM provinces pr CROSS JOIN LATERAL (
          SELECT c.code, row_number() OVER (ORDER BY c.code) - 1 AS n FROM administrative_units c, today
           WHERE c.level = 'commune' AND c.parent_code = pr.code AND c.valid_from <= today.day AND (c.valid_to IS NULL OR c.valid_to >= today.day)
           ORDER BY c.code LIMIT 20) c`);
    const [{ provinces }] = await tx.query<[{ provinces: number }]>(`SELECT count(DISTINCT province_code)::int AS provinces FROM bench_units`);
    // Establishments: spread round-robin over provinces, then over the province's communes; a unique 10-digit tax code each.
    await tx.query(
      `INSERT INTO organisations (type, name, legal_form, registration_number, tax_code, commune_code, province_code, verified, registered_by)
       SELECT 'establishment', f.prefix || ' ' || lower(split_part(pr.product, ' ', 1)) || ' ' || u.province_name || ' số ' || g,
              f.form, 'DKKD-' || g, (5900000000 + g)::text, u.commune_code, u.province_code, g % 5 <> 0, $2
         FROM generate_series(1, $1::int) g
         JOIN (SELECT province_code, count(*) AS communes FROM bench_units GROUP BY province_code) pc ON true
         JOIN bench_units u ON u.province_code = pc.province_code
         CROSS JOIN LATERAL (SELECT (ARRAY['Hợp tác xã', 'Công ty TNHH', 'Cơ sở'])[1 + g % 3] AS prefix, (ARRAY['cooperative', 'enterprise', 'household_business'])[1 + g % 3] AS form) f
         CROSS JOIN LATERAL (SELECT product FROM (VALUES ${literal(PRODUCTS)}) v(product, grp) OFFSET g % ${PRODUCTS.length} LIMIT 1) pr
        WHERE u.p = g % ${'$'}3 AND u.n = (g / ${'$'}3) % pc.communes`,
      [counts.establishments, createdBy, provinces],
    );
    await tx.query(`CREATE TEMP TABLE bench_establishments ON COMMIT DROP AS
      SELECT o.id, o.province_code, o.commune_code, u.region_code, row_number() OVER (ORDER BY o.registration_number) - 1 AS k
        FROM organisations o JOIN bench_units u ON u.commune_code = o.commune_code WHERE o.type = 'establishment' AND o.registration_number LIKE 'DKKD-%'`);
    // A provincial round per province and year. Today's provinces stand in for the years before the 2025 merger too
    // (simpler than mapping successions, and the lists read the same), so the in-force check on rounds is off here.
    await tx.query(`ALTER TABLE rounds DISABLE TRIGGER tr_rounds_units`);
    await tx.query(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at)
       SELECT 'Bình chọn sản phẩm CNNT tiêu biểu ' || p.province_name || ' ' || y, 'province', y, 'province', p.province_code,
              CASE WHEN y < 2026 THEN 'decided' ELSE 'open' END, make_date(y, 3, 1), make_date(y, 6, 30)
         FROM (SELECT DISTINCT province_code, province_name FROM bench_units) p CROSS JOIN unnest($1::int[]) y`,
      [YEARS],
    );
    await tx.query(`ALTER TABLE rounds ENABLE TRIGGER tr_rounds_units`);
    const [definition] = await tx.query<{ code: string; version: number }[]>(
      `SELECT code, max(version) AS version FROM workflow_definitions WHERE code = 'product-selection' GROUP BY code`,
    );
    if (!definition) throw new Error('the product-selection definition is not published');
    const [{ establishments }] = await tx.query<[{ establishments: number }]>(`SELECT count(*)::int AS establishments FROM bench_establishments`);
    // Entries: establishment k = g mod n, year by g, stage by a skewed spread (more early stages than late ones).
    await tx.query(
      `CREATE TEMP TABLE bench_entries ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, g, e.id AS establishment_id, e.province_code, e.commune_code, e.region_code, r.id AS round_id, r.year,
              s.stage, s.status, pr.product || ' ' || g AS product_name, pr.grp AS product_group
         FROM generate_series(1, $1::int) g
         JOIN bench_establishments e ON e.k = g % $2
         JOIN rounds r ON r.scope_code = e.province_code AND r.year = (ARRAY[${YEARS.join(', ')}])[1 + (g / 7) % ${YEARS.length}]
         CROSS JOIN LATERAL (SELECT stage, status FROM (VALUES ${literal(STAGES)}) v(stage, status) OFFSET (g * 7919) % ${STAGES.length} LIMIT 1) s
         CROSS JOIN LATERAL (SELECT product, grp FROM (VALUES ${literal(PRODUCTS)}) v(product, grp) OFFSET (g * 31) % ${PRODUCTS.length} LIMIT 1) pr`,
      [counts.entries, establishments],
    );
    await tx.query(
      `INSERT INTO workflow_instances (id, definition_code, definition_version, stage, status, state, subject_kind, establishment_id, commune_code, province_code,
                                       region_code, round_id, year, level, product_group, due_at, created_by, created_at, updated_at)
       SELECT b.id, $1, $2, b.stage, b.status,
              jsonb_build_object('stage', b.stage, 'sla', CASE WHEN b.status = 'active' THEN jsonb_build_object('dueSoonAt', now() + ((b.g % 41) - 23) * interval '1 day') END),
              'entry', b.establishment_id, b.commune_code, b.province_code, b.region_code, b.round_id, b.year, 'province', b.product_group,
              CASE WHEN b.status = 'active' THEN now() + ((b.g % 41) - 20) * interval '1 day' END, $3,
              make_date(b.year, 3, 1) + (b.g % 120) * interval '1 day' + (b.g % 86400) * interval '1 second', now()
         FROM bench_entries b`,
      [definition.code, definition.version, createdBy],
    );
    await tx.query(
      `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, created_by, created_at, updated_at)
       SELECT b.id, b.round_id, b.establishment_id, b.product_name, b.product_group, '{"photos": [], "others": []}', $1,
              make_date(b.year, 3, 1) + (b.g % 120) * interval '1 day' + (b.g % 86400) * interval '1 second', now()
         FROM bench_entries b`,
      [createdBy],
    );
    // Schemes, imported as history (no workflow instance, as the finance demo's): stage on the scheme row. The same
    // stand-in of today's provinces for earlier years as the rounds'.
    await tx.query(`ALTER TABLE schemes DISABLE TRIGGER tr_schemes_units`);
    await tx.query(
      `INSERT INTO schemes (code, title, implementing_unit, programme_code, content_group_code, sub_activity, funding_source_code, year, province_code, region_code,
                            location, requested_amount, allocated_amount, progress_percent, stage, created_by)
       SELECT 'DA-' || y || '-' || lpad(g::text, 6, '0'), t.title || ' ' || u.province_name || ' ' || g, 'Trung tâm Khuyến công ' || u.province_name,
              pg.code, cg.code, 'DEMONSTRATION_MODEL', (ARRAY['NATIONAL', 'LOCAL'])[1 + g % 2], y, u.province_code, u.region_code,
              u.province_name, 100000000 + (g * 7919) % 900000000,
              CASE WHEN g % 4 = 0 THEN NULL ELSE 90000000 + (g * 7919) % 800000000 END, (g * 13) % 101,
              (ARRAY[${SCHEME_STAGES.map((stage) => `'${stage}'`).join(', ')}])[1 + (g * 7) % ${SCHEME_STAGES.length}], $2
         FROM generate_series(1, $1::int) g
         CROSS JOIN LATERAL (SELECT (ARRAY[${YEARS.join(', ')}])[1 + (g / 3) % ${YEARS.length}] AS y) yr(y)
         JOIN (SELECT DISTINCT province_code, province_name, region_code, p FROM bench_units) u ON u.p = g % ${'$'}3
         JOIN programmes pg ON y BETWEEN pg.period_start_year AND pg.period_end_year
         CROSS JOIN LATERAL (SELECT c.code FROM content_groups c WHERE c.programme_code = pg.code ORDER BY c.position OFFSET g % 7 LIMIT 1) cg
         CROSS JOIN LATERAL (SELECT title FROM (VALUES ${literal(SCHEME_TITLES.map((title) => [title]))}) v(title) OFFSET g % ${SCHEME_TITLES.length} LIMIT 1) t`,
      [counts.schemes, createdBy, provinces],
    );
    await tx.query(`ALTER TABLE schemes ENABLE TRIGGER tr_schemes_units`);
  });
  await dataSource.query(`VACUUM (ANALYZE)`);
  const [row] = await dataSource.query<{ provinces: string[]; establishments: number; entries: number; schemes: number }[]>(
    `SELECT (SELECT array_agg(DISTINCT province_code ORDER BY province_code) FROM organisations WHERE registration_number LIKE 'DKKD-%') AS provinces,
            (SELECT count(*)::int FROM organisations WHERE type = 'establishment') AS establishments,
            (SELECT count(*)::int FROM entries) AS entries, (SELECT count(*)::int FROM schemes) AS schemes`,
  );
  return { ...row!, seconds: (Date.now() - started) / 1000 };
}
