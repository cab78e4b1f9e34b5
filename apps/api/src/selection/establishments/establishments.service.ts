import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { SessionService } from '../../auth/session.service.js';
import { type Actor } from '../../common/actor.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { coverageCondition, grantsOf, holds } from '../shared/scope.js';
import { type EstablishmentList, type EstablishmentListQuery, type EstablishmentView, type RegisterEstablishmentBody } from './dto.js';

interface EstablishmentRow {
  id: string;
  name: string;
  legal_form: string | null;
  registration_number: string | null;
  tax_code: string | null;
  commune_code: string | null;
  province_code: string | null;
  region_code: string | null;
  priority_flags: Record<string, boolean>;
  verified: boolean;
  verified_at: Date | null;
}

/** The contest region of a unit: its most recent membership (old provinces keep the region they had). */
export const REGION_OF_PROVINCE_SQL = `(SELECT m.region_code FROM region_memberships m WHERE m.unit_code = o.province_code ORDER BY m.valid_from DESC LIMIT 1)`;

const SELECT = `SELECT o.id, o.name, o.legal_form, o.registration_number, o.tax_code, o.commune_code, o.province_code,
                       ${REGION_OF_PROVINCE_SQL} AS region_code, o.priority_flags, o.verified, o.verified_at
                  FROM organisations o`;

const view = (row: EstablishmentRow): EstablishmentView => ({
  id: row.id,
  name: row.name,
  legalForm: row.legal_form,
  registrationNumber: row.registration_number,
  taxCode: row.tax_code,
  communeCode: row.commune_code,
  provinceCode: row.province_code,
  regionCode: row.region_code,
  priorityFlags: row.priority_flags,
  verified: row.verified,
  verifiedAt: row.verified_at?.toISOString() ?? null,
});

const READERS = ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] as const;

/** Establishments (cơ sở CNNT): registered by an applicant, verified by the province before entries can be submitted. */
@Injectable()
export class EstablishmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  /** Registers an establishment and makes the caller its applicant. */
  async register(actor: Actor, body: RegisterEstablishmentBody): Promise<EstablishmentView> {
    const registered = await this.dataSource.transaction(async (tx) => {
      const [province] = await tx.query<{ code: string }[]>(`SELECT code FROM administrative_units WHERE code = $1 AND level = 'province'`, [body.provinceCode]);
      if (!province) throw unprocessable('UNKNOWN_UNIT', 'Tỉnh không tồn tại / Unknown province', { provinceCode: body.provinceCode });
      if (body.taxCode) {
        const [taken] = await tx.query<{ id: string }[]>(`SELECT id FROM organisations WHERE type = 'establishment' AND tax_code = $1`, [body.taxCode]);
        if (taken) throw conflict('ALREADY_REGISTERED', 'Mã số thuế đã được đăng ký / This tax code is already registered');
      }
      const [row] = await tx.query<{ id: string }[]>(
        `INSERT INTO organisations (type, name, legal_form, registration_number, tax_code, commune_code, province_code, priority_flags, registered_by)
         VALUES ('establishment', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [body.name, body.legalForm, body.registrationNumber, body.taxCode ?? null, body.communeCode, body.provinceCode, JSON.stringify(body.priorityFlags), actor.userId],
      );
      const id = row!.id;
      await tx.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, 'applicant', 'establishment', $2)`, [actor.userId, id]);
      await this.audit.record({ actorUserId: actor.userId, action: 'establishment.register', targetType: 'organisation', targetId: id, details: { name: body.name } }, tx);
      return (await this.load(tx, id))!;
    });
    // The new grant holds from the next request on (other API processes hear of it from the grant's trigger).
    this.sessions.forgetUser(actor.userId);
    return registered;
  }

  async list(actor: Actor, query: EstablishmentListQuery): Promise<EstablishmentList> {
    const coverage = coverageCondition(
      grantsOf(actor, [...READERS]),
      { establishment: 'o.id::text', commune: 'o.commune_code', province: 'o.province_code', region: REGION_OF_PROVINCE_SQL },
      1,
    );
    const params: unknown[] = [...coverage.params];
    let sql = `${SELECT} WHERE o.type = 'establishment' AND ${coverage.sql}`;
    if (query.provinceCode) sql += ` AND o.province_code = $${params.push(query.provinceCode)}`;
    if (query.verified !== undefined) sql += ` AND o.verified = $${params.push(query.verified)}`;
    sql += ` ORDER BY o.name, o.id LIMIT $${params.push(query.limit)}`;
    const rows = await this.dataSource.query<EstablishmentRow[]>(sql, params);
    return { items: rows.map(view) };
  }

  async get(actor: Actor, id: string): Promise<EstablishmentView> {
    const found = await this.load(this.dataSource.manager, id);
    if (!found || !holds(actor, [...READERS], { establishmentId: found.id, communeCode: found.communeCode, provinceCode: found.provinceCode, regionCode: found.regionCode })) {
      throw notFound('Không tìm thấy cơ sở / Establishment not found');
    }
    return found;
  }

  /** The province (its officer) confirms the registration documents; only then can entries be submitted. */
  async verify(actor: Actor, id: string): Promise<EstablishmentView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.load(tx, id);
      if (!found || !holds(actor, ['provincial_officer'], { provinceCode: found.provinceCode })) throw notFound('Không tìm thấy cơ sở / Establishment not found');
      if (found.verified) return found;
      await tx.query(`UPDATE organisations SET verified = true, verified_by = $2, verified_at = now(), updated_at = now() WHERE id = $1`, [id, actor.userId]);
      await this.audit.record({ actorUserId: actor.userId, action: 'establishment.verify', targetType: 'organisation', targetId: id, details: {} }, tx);
      return (await this.load(tx, id))!;
    });
  }

  private async load(manager: EntityManager, id: string): Promise<EstablishmentView | undefined> {
    const [row] = await manager.query<EstablishmentRow[]>(`${SELECT} WHERE o.id = $1 AND o.type = 'establishment'`, [id]);
    return row ? view(row) : undefined;
  }
}
