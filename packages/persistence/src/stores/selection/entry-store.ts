import { type EntityManager } from 'typeorm';
import { containsPattern, fold, prefixPattern } from '../../fold.js';
import { cappedCountSql, orderBy } from '../../list-sql.js';

/** An entry with its establishment's name and verification, as the entry services use it. */
export interface EntryRecord {
  instanceId: string;
  code: string;
  roundId: string;
  establishmentId: string;
  establishmentName: string;
  productName: string;
  productGroup: string;
  dossier: Record<string, unknown>;
  nominatedFrom: string | null;
  verified: boolean;
}

/** The columns of a new (draft) entry; its workflow instance exists already. */
export interface EntryInsert {
  instanceId: string;
  roundId: string;
  establishmentId: string;
  productName: string;
  productGroup: string;
  dossier: unknown;
  createdBy: string;
}

/** The state of the current stage's deadline, as the lists read it. */
export type EntryDeadline = 'overdue' | 'due_soon' | 'on_time' | 'none';

/** The entry list's sort columns (the names GET /api/entries accepts). */
export type EntrySort = 'created' | 'product' | 'establishment' | 'round' | 'stage' | 'due';

/** The entry list's filters. */
export interface EntryListFilter {
  roundId?: string | undefined;
  stage?: string | undefined;
  /** The round's year and level. */
  year?: number | undefined;
  level?: string | undefined;
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  productGroup?: string | undefined;
  deadline?: EntryDeadline | undefined;
  /** Product, establishment (name or tax code), or the beginning of a tracking code. */
  q?: string | undefined;
}

/**
 * Which entries the caller sees when not everything: the instances their grants cover — the API's visibility rule
 * as a condition on `i` (workflow_instances) with parameters numbered from `firstParam` — or those they are
 * assigned to as judge or council member.
 */
export interface EntryVisibility {
  coverage: (firstParam: number) => { sql: string; params: unknown[] };
  userId: string;
}

/** One page of the entry list: its sort, direction and window. */
export interface EntryPage {
  sort?: EntrySort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

/** One entry of a list page. */
export interface EntryListItem {
  instanceId: string;
  code: string;
  roundId: string;
  roundName: string;
  roundYear: number;
  roundLevel: string;
  establishmentId: string;
  establishmentName: string;
  productName: string;
  productGroup: string;
  provinceCode: string | null;
  communeCode: string | null;
  stage: string;
  status: string;
  version: number;
  dueAt: string | null;
  deadline: EntryDeadline;
}

/** A page of entries and the count of all matches, up to COUNT_CAP + 1 (read with the API's `listTotal`). */
export interface EntryListPage {
  items: EntryListItem[];
  total: number | undefined;
}

/** A stored document a dossier names: its type (to tell photos) — found only among the establishment's own. */
export interface EntryOwnedDocument {
  id: string;
  mimeType: string;
}

/** A stored document of a dossier, as the entry's page lists it. */
export interface EntryDocumentFile {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
}

interface EntryRow {
  instance_id: string;
  code: string;
  round_id: string;
  establishment_id: string;
  establishment_name: string;
  product_name: string;
  product_group: string;
  dossier: Record<string, unknown>;
  nominated_from: string | null;
  verified: boolean;
}

/** The state of the current stage's deadline, as the inbox reads it (alias `i`). */
const DEADLINE_SQL = `(CASE WHEN i.status <> 'active' OR i.due_at IS NULL THEN 'none' WHEN i.due_at < now() THEN 'overdue'
  WHEN (i.state->'sla'->>'dueSoonAt')::timestamptz <= now() THEN 'due_soon' ELSE 'on_time' END)`;

/** The entry list's sort columns and their SQL. */
const ENTRY_ORDER = {
  created: { sql: 'e.created_at', order: 'desc' },
  product: { sql: 'e.product_name', order: 'asc' },
  establishment: { sql: 'o.name', order: 'asc' },
  round: { sql: 'r.name', order: 'asc' },
  stage: { sql: 'i.stage', order: 'asc' },
  due: { sql: 'i.due_at', order: 'asc', nulls: 'last' },
} as const satisfies Record<EntrySort, { sql: string; order: 'asc' | 'desc'; nulls?: 'last' }>;

/** Entries of selection rounds (a product of an establishment in a round, with its dossier and workflow instance). */
export class EntryStore {
  /** The entry, locked FOR UPDATE OF the entry row when `lock`. */
  async find(manager: EntityManager, instanceId: string, lock = false): Promise<EntryRecord | undefined> {
    const [row] = await manager.query<EntryRow[]>(
      `SELECT e.instance_id, e.code, e.round_id, e.establishment_id, o.name AS establishment_name, e.product_name, e.product_group, e.dossier, e.nominated_from, o.verified
         FROM entries e JOIN organisations o ON o.id = e.establishment_id WHERE e.instance_id = $1${lock ? ' FOR UPDATE OF e' : ''}`,
      [instanceId],
    );
    return row
      ? {
          instanceId: row.instance_id,
          code: row.code,
          roundId: row.round_id,
          establishmentId: row.establishment_id,
          establishmentName: row.establishment_name,
          productName: row.product_name,
          productGroup: row.product_group,
          dossier: row.dossier,
          nominatedFrom: row.nominated_from,
          verified: row.verified,
        }
      : undefined;
  }

  /** Writes the entry row of a newly started instance (the dossier as JSON). */
  async insert(manager: EntityManager, entry: EntryInsert): Promise<void> {
    await manager.query(
      `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.instanceId, entry.roundId, entry.establishmentId, entry.productName, entry.productGroup, JSON.stringify(entry.dossier), entry.createdBy],
    );
  }

  /**
   * The entry's workflow instance state, locked; undefined when there is no such instance. FOR NO KEY UPDATE, as
   * every lock the API takes on instances: it queues behind a command's update (which takes the same lock) but not
   * behind the KEY SHARE locks that inserts referencing the instance take (the outbox relay re-checks its rows'
   * foreign key when it marks rows it claimed in the same transaction). With FOR UPDATE a jury assignment and the
   * relay deadlocked under load (docs/benchmarks.md, 2026-12-07).
   */
  async lockInstanceState<S = unknown>(manager: EntityManager, instanceId: string): Promise<S | undefined> {
    const [locked] = await manager.query<{ state: S }[]>(`SELECT state FROM workflow_instances WHERE id = $1 FOR NO KEY UPDATE`, [instanceId]);
    return locked?.state;
  }

  /**
   * Renames the product or changes its group: the entry row, and the instance's attributes and product-group
   * column with it (without an event: the engine's rules never read them).
   */
  async updateProduct(manager: EntityManager, instanceId: string, productName: string, productGroup: string): Promise<void> {
    await manager.query(`UPDATE entries SET product_name = $2, product_group = $3, updated_at = now() WHERE instance_id = $1`, [
      instanceId,
      productName,
      productGroup,
    ]);
    await manager.query(
      `UPDATE workflow_instances SET product_group = $3,
              state = jsonb_set(jsonb_set(state, '{attributes,productName}', to_jsonb($2::text)), '{attributes,productGroup}', to_jsonb($3::text))
        WHERE id = $1`,
      [instanceId, productName, productGroup],
    );
  }

  /** Replaces the stored dossier. */
  async updateDossier(manager: EntityManager, instanceId: string, dossier: unknown): Promise<void> {
    await manager.query(`UPDATE entries SET dossier = $2, updated_at = now() WHERE instance_id = $1`, [instanceId, JSON.stringify(dossier)]);
  }

  /**
   * The states of the round's entries at a stage (of one product group, or all), locked FOR NO KEY UPDATE OF the
   * instances in id order, so assigning a jury or council cannot race a command on them (see lockInstanceState).
   */
  async lockStatesAtStage<S = unknown>(manager: EntityManager, roundId: string, stage: string, productGroup?: string): Promise<S[]> {
    const rows = await manager.query<{ state: S }[]>(
      `SELECT i.state FROM entries e JOIN workflow_instances i ON i.id = e.instance_id
        WHERE e.round_id = $1 AND i.stage = $2 AND ($3::text IS NULL OR e.product_group = $3) ORDER BY i.id FOR NO KEY UPDATE OF i`,
      [roundId, stage, productGroup ?? null],
    );
    return rows.map((row) => row.state);
  }

  /**
   * Entries visible to the caller (`visibility` null: all), searched, filtered, sorted and paged, with the capped
   * count. The assignments are written with @> so each part of the OR has an index (scope columns,
   * ix_instances_jury_judges, ix_instances_council_members). The search collects matching entries through the
   * trigram indexes (product, establishment name, tax code) rather than folding every visible row.
   */
  async list(manager: EntityManager, filter: EntryListFilter, visibility: EntryVisibility | null, page: EntryPage): Promise<EntryListPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (visibility) {
      const coverage = visibility.coverage(1);
      params.push(...coverage.params, visibility.userId);
      const me = `$${params.length}`;
      where.push(
        `(${coverage.sql} OR i.state->'jury'->'judges' @> jsonb_build_array(${me}::text) OR i.state->'council'->'members' @> jsonb_build_array(${me}::text))`,
      );
    }
    const add = (sql: (p: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (filter.roundId) add((p) => `e.round_id = ${p}`, filter.roundId);
    if (filter.stage) add((p) => `i.stage = ${p}`, filter.stage);
    // Year and level pick rounds (a few dozen rows) first, so ix_entries_round_group answers from the index alone.
    const roundConditions: string[] = [];
    if (filter.year !== undefined) roundConditions.push(`year = $${params.push(filter.year)}`);
    if (filter.level) roundConditions.push(`level = $${params.push(filter.level)}`);
    if (roundConditions.length > 0) where.push(`e.round_id = ANY(ARRAY(SELECT id FROM rounds WHERE ${roundConditions.join(' AND ')}))`);
    if (filter.provinceCode) add((p) => `i.province_code = ${p}`, filter.provinceCode);
    if (filter.communeCode) add((p) => `i.commune_code = ${p}`, filter.communeCode);
    if (filter.productGroup) add((p) => `e.product_group = ${p}`, filter.productGroup);
    if (filter.deadline) add((p) => `${DEADLINE_SQL} = ${p}`, filter.deadline);
    if (filter.q) {
      const folded = `$${params.push(containsPattern(fold(filter.q)))}`;
      const plain = `$${params.push(containsPattern(filter.q))}`;
      const codePrefix = `$${params.push(prefixPattern(filter.q.trim().toUpperCase()))}`;
      // Each part is an index condition on entries (trigram on the folded product name; the establishments found by
      // their own trigram indexes, then ix_entries_establishment; uq_entries_code for a code's beginning), so
      // PostgreSQL ORs the bitmaps.
      where.push(
        `(e.product_search LIKE ${folded} OR e.code LIKE ${codePrefix} OR e.establishment_id = ANY(ARRAY(SELECT mo.id FROM organisations mo WHERE mo.name_search LIKE ${folded} OR mo.tax_code ILIKE ${plain})))`,
      );
    }
    if (where.length === 0) where.push('TRUE');
    const sqlFilter = where.join(' AND ');
    const order = orderBy(ENTRY_ORDER, page.sort ?? 'created', page.order, 'e.instance_id');
    // The page is chosen joining only what its filter and order read; its twenty rows are then joined for display.
    const reads = (alias: string) => new RegExp(`\\b${alias}\\.`).test(`${sqlFilter} ${order}`);
    const pick = `entries e${reads('i') ? ' JOIN workflow_instances i ON i.id = e.instance_id' : ''}${reads('o') ? ' JOIN organisations o ON o.id = e.establishment_id' : ''}${reads('r') ? ' JOIN rounds r ON r.id = e.round_id' : ''}`;
    type Row = {
      instance_id: string;
      code: string;
      round_id: string;
      round_name: string;
      round_year: number;
      round_level: string;
      establishment_id: string;
      establishment_name: string;
      product_name: string;
      product_group: string;
      province_code: string | null;
      commune_code: string | null;
      stage: string;
      status: string;
      version: number;
      due_at: Date | null;
      deadline: EntryDeadline;
    };
    const countParams = [...params];
    // Parallel workers are off on the API's connections (serialQueries): the page stops after its rows.
    const [rows, [count]] = await Promise.all([
      manager.query<Row[]>(
        `SELECT e.instance_id, e.code, e.round_id, r.name AS round_name, r.year AS round_year, r.level AS round_level, e.establishment_id, o.name AS establishment_name,
                e.product_name, e.product_group, i.province_code, i.commune_code, i.stage, i.status, i.version, i.due_at, ${DEADLINE_SQL} AS deadline
           FROM (SELECT e.instance_id FROM ${pick} WHERE ${sqlFilter} ${order} LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}) page
           JOIN entries e ON e.instance_id = page.instance_id JOIN workflow_instances i ON i.id = e.instance_id
           JOIN organisations o ON o.id = e.establishment_id JOIN rounds r ON r.id = e.round_id
          ${order}`,
        params,
      ),
      manager.query<{ total: number }[]>(cappedCountSql(pick, sqlFilter), countParams),
    ]);
    return {
      items: rows.map((row) => ({
        instanceId: row.instance_id,
        code: row.code,
        roundId: row.round_id,
        roundName: row.round_name,
        roundYear: row.round_year,
        roundLevel: row.round_level,
        establishmentId: row.establishment_id,
        establishmentName: row.establishment_name,
        productName: row.product_name,
        productGroup: row.product_group,
        provinceCode: row.province_code,
        communeCode: row.commune_code,
        stage: row.stage,
        status: row.status,
        version: row.version,
        dueAt: row.due_at?.toISOString() ?? null,
        deadline: row.deadline,
      })),
      total: count?.total,
    };
  }

  /** Those of the documents that belong to the establishment, with their types (ids of other owners are absent). */
  async findOwnedDocuments(manager: EntityManager, ids: readonly string[], establishmentId: string): Promise<EntryOwnedDocument[]> {
    const rows = await manager.query<{ id: string; mime_type: string }[]>(
      `SELECT id, mime_type FROM documents WHERE id = ANY($1::uuid[]) AND owner_organisation_id = $2`,
      [ids, establishmentId],
    );
    return rows.map((row) => ({ id: row.id, mimeType: row.mime_type }));
  }

  /** The stored documents among these ids, with name, type and size. */
  async findDocuments(manager: EntityManager, ids: readonly string[]): Promise<EntryDocumentFile[]> {
    const rows = await manager.query<{ id: string; original_name: string; mime_type: string; size_bytes: string }[]>(
      `SELECT id, original_name, mime_type, size_bytes FROM documents WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({ id: row.id, originalName: row.original_name, mimeType: row.mime_type, sizeBytes: Number(row.size_bytes) }));
  }
}
