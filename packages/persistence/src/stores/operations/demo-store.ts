import { type EntityManager } from 'typeorm';

/**
 * When a demo grant starts: the demo accounts of the README are granted on today's units and start now; the extra
 * officers of the 2022 regional round (one per Central–Highlands province of 2022) hold grants in units abolished
 * since, which start with the story (a new grant there is refused, issue 16). Parameters: $3 scope type, $4 scope id.
 */
const DEMO_GRANT_START = `CASE WHEN $3 IN ('province', 'commune') AND NOT EXISTS (SELECT 1 FROM administrative_units WHERE code = $4 AND (valid_to IS NULL OR valid_to >= CURRENT_DATE))
  THEN timestamptz '2021-12-01T00:00:00+07' ELSE now() END`;

/** The tables the finance demo fills with plain multi-row inserts (history imported without workflow instances). */
export type DemoTable =
  | 'schemes'
  | 'scheme_budget_lines'
  | 'scheme_beneficiaries'
  | 'disbursements'
  | 'settlements'
  | 'annual_plans'
  | 'annual_plan_versions'
  | 'consulting_engagements'
  | 'consulting_revenues'
  | 'consulting_plans';

/** A demo establishment registered on the units of its time. */
export interface DemoEstablishmentInput {
  id: string;
  name: string;
  legalForm: string;
  provinceCode: string;
  communeCode: string;
  /** When it was registered (ISO date). */
  createdAt: string;
}

/** A round's jury and council as the demo rounds store them (JSON). */
export interface DemoRoundPanel {
  organiser: string | undefined;
  jury: { '*': string[] };
  council: { members: (string | undefined)[]; chair: string | undefined };
}

/** A round of the current-year demo (registration opens 1 March of the year, closes 30 June 2027). */
export interface DemoCurrentRoundInput {
  name: string;
  level: string;
  year: number;
  scopeType: string;
  scopeCode: string;
  quota: number;
  organiser: string;
  jury: { '*': string[] };
  council: { members: (string | undefined)[]; chair: string | undefined };
  contact: { name: string; phone: string; email: string };
}

/** The demo data loader's statements (demo and seed only: never on a request path). */
export class DemoStore {
  /** How many users exist (the seed loads the demo into an empty database only). */
  async countUsers(manager: EntityManager): Promise<number> {
    const [{ users }] = await manager.query<[{ users: number }]>(`SELECT count(*)::int AS users FROM users`);
    return users;
  }

  /** The demo accounts (e-mails at khuyencong.vn). */
  async listDemoUsers(manager: EntityManager): Promise<{ id: string; email: string }[]> {
    return manager.query<{ id: string; email: string }[]>(`SELECT id, email FROM users WHERE email LIKE '%@khuyencong.vn'`);
  }

  /** Inserts the establishment unless its id exists. */
  async insertEstablishmentIfNew(manager: EntityManager, establishment: DemoEstablishmentInput): Promise<void> {
    await manager.query(
      `INSERT INTO organisations (id, type, name, legal_form, province_code, commune_code, verified, created_at)
       VALUES ($1, 'establishment', $2, $3, $4, $5, true, $6) ON CONFLICT (id) DO NOTHING`,
      [establishment.id, establishment.name, establishment.legalForm, establishment.provinceCode, establishment.communeCode, establishment.createdAt],
    );
  }

  /** Moves an organisation to other units, if it is still on `from` (a second seed leaves it alone). */
  async moveOrganisationFrom(
    manager: EntityManager,
    id: string,
    to: { provinceCode: string; communeCode: string },
    from: { provinceCode: string; communeCode: string },
  ): Promise<void> {
    await manager.query(`UPDATE organisations SET province_code = $2, commune_code = $3 WHERE id = $1 AND province_code = $4 AND commune_code = $5`, [
      id,
      to.provinceCode,
      to.communeCode,
      from.provinceCode,
      from.communeCode,
    ]);
  }

  /** Moves an organisation to other units. */
  async moveOrganisation(manager: EntityManager, id: string, provinceCode: string, communeCode: string): Promise<void> {
    await manager.query(`UPDATE organisations SET province_code = $2, commune_code = $3 WHERE id = $1`, [id, provinceCode, communeCode]);
  }

  /** Inserts an implementing unit (a province's centre or department) unless its id exists. */
  async insertImplementingUnitIfNew(manager: EntityManager, unit: { id: string; type: string; name: string; provinceCode: string }): Promise<void> {
    await manager.query(`INSERT INTO organisations (id, type, name, province_code, verified) VALUES ($1, $2, $3, $4, true) ON CONFLICT (id) DO NOTHING`, [
      unit.id,
      unit.type,
      unit.name,
      unit.provinceCode,
    ]);
  }

  /** Inserts a user unless the e-mail (case ignored) exists; returns the new id, or undefined when it existed. */
  async insertUserIfNew(manager: EntityManager, email: string, passwordHash: string, displayName: string): Promise<string | undefined> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [email, passwordHash, displayName],
    );
    return rows[0]?.id;
  }

  /** The user with this e-mail (case ignored), if any. */
  async findUserIdByEmail(manager: EntityManager, email: string): Promise<string | undefined> {
    const [found] = await manager.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
    return found?.id;
  }

  async insertUser(manager: EntityManager, email: string, passwordHash: string, displayName: string): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id`, [
      email,
      passwordHash,
      displayName,
    ]);
    return row!.id;
  }

  /** Grants the role, starting as DEMO_GRANT_START says. */
  async grantRole(manager: EntityManager, userId: string, role: string, scopeType: string, scopeId: string | null): Promise<void> {
    await manager.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, $2, $3, $4, ${DEMO_GRANT_START})`, [
      userId,
      role,
      scopeType,
      scopeId,
    ]);
  }

  /** Records an entry's row (the instance was started through the pipeline). */
  async insertEntry(
    manager: EntityManager,
    entry: {
      instanceId: string;
      roundId: string;
      establishmentId: string;
      productName: string;
      productGroup: string;
      dossier: Record<string, unknown>;
      createdBy: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.instanceId, entry.roundId, entry.establishmentId, entry.productName, entry.productGroup, JSON.stringify(entry.dossier), entry.createdBy],
    );
  }

  /** Whether the 2022 regional round of the region is loaded already. */
  async hasRegionalRound2022(manager: EntityManager, region: string): Promise<boolean> {
    const [exists] = await manager.query<{ id: string }[]>(`SELECT id FROM rounds WHERE level = 'region' AND scope_code = $1 AND year = 2022`, [region]);
    return exists !== undefined;
  }

  /** Whether the commune's round of the year is loaded already. */
  async hasCommuneRound(manager: EntityManager, communeCode: string, year: number): Promise<boolean> {
    const [exists] = await manager.query<{ id: string }[]>(`SELECT id FROM rounds WHERE level = 'commune' AND scope_code = $1 AND year = $2`, [
      communeCode,
      year,
    ]);
    return exists !== undefined;
  }

  /** The provinces of the region on the day of the 2022 regional conference (18 Aug 2022), by code. */
  async regionProvincesAtConference2022(manager: EntityManager, region: string): Promise<{ code: string; name: string }[]> {
    return manager.query<{ code: string; name: string }[]>(
      `SELECT u.code, u.name FROM region_memberships m JOIN administrative_units u ON u.code = m.unit_code
        WHERE m.region_code = $1 AND u.level = 'province' AND m.valid_from <= '2022-08-18' AND (m.valid_to IS NULL OR m.valid_to >= '2022-08-18') ORDER BY u.code`,
      [region],
    );
  }

  /** The 2022 Central–Highlands regional round, at judging; returns its id. */
  async insertRegionalRound2022(manager: EntityManager, region: string, panel: DemoRoundPanel): Promise<string> {
    const [round] = await manager.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at, nomination_quota, organiser_user_id, jury, council,
                           contact_name, contact_phone, contact_email)
       VALUES ('Bình chọn sản phẩm CNNT tiêu biểu khu vực miền Trung - Tây Nguyên năm 2022', 'region', 2022, 'region', $1, 'judging',
               '2022-03-01T00:00:00+07', '2022-06-30T23:59:59+07', 10, $2, $3, $4,
               'Phòng Khuyến công, Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công', '0269 355 5018', 'khuyencong.mientrung@khuyencong.vn') RETURNING id`,
      [region, panel.organiser, JSON.stringify(panel.jury), JSON.stringify(panel.council)],
    );
    return round!.id;
  }

  /** The 2024 Gia Lai provincial round, open; returns its id. */
  async insertGiaLaiRound2024(manager: EntityManager, panel: DemoRoundPanel): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at, nomination_quota, organiser_user_id, jury, council,
                           contact_name, contact_phone, contact_email)
       VALUES ('Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm 2024', 'province', 2024, 'province', 'gia-lai', 'open',
               '2024-03-01T00:00:00+07', '2027-06-30T23:59:59+07', 5, $1, $2, $3,
               'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai', '0269 371 6240', 'trungtamkc.gialai@khuyencong.vn') RETURNING id`,
      [panel.organiser, JSON.stringify(panel.jury), JSON.stringify(panel.council)],
    );
    return row!.id;
  }

  /** An open round of the current-year demo; returns its id. */
  async insertCurrentYearRound(manager: EntityManager, values: DemoCurrentRoundInput): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at, nomination_quota, organiser_user_id, jury, council,
                           contact_name, contact_phone, contact_email)
       VALUES ($1, $2, $3, $4, $5, 'open', '${values.year}-03-01T00:00:00+07', '2027-06-30T23:59:59+07', $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        values.name,
        values.level,
        values.year,
        values.scopeType,
        values.scopeCode,
        values.quota,
        values.organiser,
        JSON.stringify(values.jury),
        JSON.stringify(values.council),
        values.contact.name,
        values.contact.phone,
        values.contact.email,
      ],
    );
    return row!.id;
  }

  /** An establishment of the 2022 regional round, verified and registered 15 Dec 2021; returns its id. */
  async insertRegionalEstablishment2021(
    manager: EntityManager,
    establishment: {
      name: string;
      legalForm: string;
      registrationNumber: string;
      communeCode: string;
      provinceCode: string;
      priorityFlags: Record<string, unknown>;
    },
  ): Promise<string> {
    const [org] = await manager.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, legal_form, registration_number, commune_code, province_code, verified, verified_at, priority_flags, created_at)
       VALUES ('establishment', $1, $2, $3, $4, $5, true, '2021-12-15T09:00:00+07', $6, '2021-12-15T09:00:00+07') RETURNING id`,
      [
        establishment.name,
        establishment.legalForm,
        establishment.registrationNumber,
        establishment.communeCode,
        establishment.provinceCode,
        JSON.stringify(establishment.priorityFlags),
      ],
    );
    return org!.id;
  }

  /** A household business of old Gia Lai registered 20 Feb 2024 (verified); returns its id. */
  async insertGiaLaiEstablishment2024(manager: EntityManager, name: string, registrationNumber: string, communeCode: string): Promise<string> {
    const [org] = await manager.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, legal_form, registration_number, commune_code, province_code, verified, verified_at, created_at)
       VALUES ('establishment', $1, 'household_business', $2, $3, 'gia-lai', true, '2024-02-20T09:00:00+07', '2024-02-20T09:00:00+07') RETURNING id`,
      [name, registrationNumber, communeCode],
    );
    return org!.id;
  }

  /** A household business registered 20 Feb of the year (verified); returns its id. */
  async insertCurrentYearEstablishment(
    manager: EntityManager,
    year: number,
    name: string,
    registrationNumber: string,
    communeCode: string,
    provinceCode: string,
  ): Promise<string> {
    const [org] = await manager.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, legal_form, registration_number, commune_code, province_code, verified, verified_at, created_at)
       VALUES ('establishment', $1, 'household_business', $2, $3, $4, true, '${year}-02-20T09:00:00+07', '${year}-02-20T09:00:00+07') RETURNING id`,
      [name, registrationNumber, communeCode, provinceCode],
    );
    return org!.id;
  }

  /** How many demo schemes (codes DEMO-…) exist. */
  async countDemoSchemes(manager: EntityManager): Promise<number> {
    const [existing] = await manager.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM schemes WHERE code LIKE 'DEMO-%'`);
    return existing?.count ?? 0;
  }

  /** Region memberships valid through 2021 and 2022 (the finance demo's provinces), by region and unit. */
  async membershipsOf2021And2022(manager: EntityManager): Promise<{ region_code: string; unit_code: string }[]> {
    return manager.query<{ region_code: string; unit_code: string }[]>(
      `SELECT region_code, unit_code FROM region_memberships
        WHERE valid_from <= '2021-01-01' AND (valid_to IS NULL OR valid_to >= '2022-12-31') ORDER BY region_code, unit_code`,
    );
  }

  /**
   * Inserts rows (all with the same keys, the table's column names) in chunks of multi-row INSERTs; `constants`
   * are added to every row.
   */
  async insertRows(manager: EntityManager, table: DemoTable, rows: readonly Record<string, unknown>[], constants: Record<string, unknown> = {}): Promise<void> {
    if (rows.length === 0) return;
    const columns = [...Object.keys(rows[0]!), ...Object.keys(constants)];
    const chunk = Math.max(1, Math.floor(30_000 / columns.length));
    for (let start = 0; start < rows.length; start += chunk) {
      const params: unknown[] = [];
      const values = rows.slice(start, start + chunk).map((row) => {
        const full: Record<string, unknown> = { ...row, ...constants };
        return `(${columns.map((column) => `$${params.push(full[column] ?? null)}`).join(', ')})`;
      });
      await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
    }
  }
}
