import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { SessionService } from '../../auth/session.service.js';
import { type Actor } from '../../common/actor.js';
import { cappedCountSql, orderBy } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { containsPattern, fold } from '../../common/people.js';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.js';
import { coverageCondition, grantsOf, holds } from '../shared/scope.js';
import { type CreateEstablishmentBody, type EstablishmentList, type EstablishmentListQuery, type EstablishmentView, type RegisterEstablishmentBody } from './dto.js';
import { ESTABLISHMENT_SELECT, REGION_OF_PROVINCE_SQL, establishmentView, loadEstablishment, type EstablishmentRow } from './establishment-store.js';


/** The establishment list's sort columns (the names GET /api/establishments accepts) and their SQL. */
const ESTABLISHMENT_ORDER = {
  name: { sql: 'o.name', order: 'asc' },
  registeredAt: { sql: 'o.created_at', order: 'desc' },
  taxCode: { sql: 'o.tax_code', order: 'asc', nulls: 'last' },
} as const;

const READERS = ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] as const;
/** Who registers an establishment for someone else, and verifies it: the officers of its commune or province. */
const OFFICERS = ['commune_officer', 'provincial_officer'] as const;

const userNotFound = () =>
  new NotFoundException({ statusCode: 404, code: 'USER_NOT_FOUND', message: 'Không có người dùng đang hoạt động với email này / No active user with this e-mail' });
const missing = () => notFound('Không tìm thấy cơ sở / Establishment not found');

/**
 * Writes an unverified establishment (the unit triggers refuse abolished or mismatched units) and its audit row,
 * inside the caller's transaction; the applicant grant is the caller's to add.
 */
export async function insertEstablishment(tx: EntityManager, audit: AuditService, body: RegisterEstablishmentBody, registeredBy: string): Promise<string> {
  const [province] = await tx.query<{ code: string }[]>(`SELECT code FROM administrative_units WHERE code = $1 AND level = 'province'`, [body.provinceCode]);
  if (!province) throw unprocessable('UNKNOWN_UNIT', 'Tỉnh không tồn tại / Unknown province', { provinceCode: body.provinceCode });
  if (body.taxCode) {
    const [taken] = await tx.query<{ id: string }[]>(`SELECT id FROM organisations WHERE type = 'establishment' AND tax_code = $1`, [body.taxCode]);
    if (taken) throw conflict('ALREADY_REGISTERED', 'Mã số thuế đã được đăng ký / This tax code is already registered');
  }
  const [row] = await tx.query<{ id: string }[]>(
    `INSERT INTO organisations (type, name, legal_form, registration_number, tax_code, commune_code, province_code, priority_flags, registered_by)
     VALUES ('establishment', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [body.name, body.legalForm, body.registrationNumber, body.taxCode ?? null, body.communeCode, body.provinceCode, JSON.stringify(body.priorityFlags), registeredBy],
  );
  const id = row!.id;
  await audit.record({ actorUserId: registeredBy, action: 'establishment.register', targetType: 'organisation', targetId: id, details: { name: body.name } }, tx);
  return id;
}

/** Establishments (cơ sở CNNT): registered by an applicant or an officer, verified by the commune or province before entries can be submitted. */
@Injectable()
export class EstablishmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Registers an establishment. An officer of its commune or province registers it for someone: the officer does
   * not become its applicant; `applicantEmail` names an existing user who does. Anyone else becomes its applicant.
   */
  async register(actor: Actor, body: CreateEstablishmentBody): Promise<EstablishmentView> {
    const { applicantEmail, ...establishment } = body;
    const asOfficer = holds(actor, ['commune_officer'], { communeCode: body.communeCode }) || holds(actor, ['provincial_officer'], { provinceCode: body.provinceCode });
    // An officer of another commune or province registers nothing here (unless they are also an applicant).
    if (!asOfficer && grantsOf(actor, [...OFFICERS]).length > 0 && grantsOf(actor, ['applicant']).length === 0) {
      throw forbidden('Cơ sở nằm ngoài địa bàn của bạn / The establishment is outside your commune or province');
    }
    if (!asOfficer && applicantEmail !== undefined) throw forbidden('Chỉ cán bộ xã/tỉnh mới chỉ định người đại diện / Only commune or provincial officers name an applicant');
    let applicantId: string | undefined;
    const registered = await this.dataSource.transaction(async (tx) => {
      if (asOfficer && applicantEmail !== undefined) {
        const [user] = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = $1 AND active`, [applicantEmail]);
        if (!user) throw userNotFound();
        applicantId = user.id;
      } else if (!asOfficer) {
        applicantId = actor.userId;
      }
      const id = await insertEstablishment(tx, this.audit, establishment, actor.userId);
      if (applicantId !== undefined) {
        await tx.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, 'applicant', 'establishment', $2)`, [applicantId, id]);
      }
      return (await loadEstablishment(tx, id))!;
    });
    // The new grant holds from the next request on (other API processes hear of it from the grant's trigger).
    if (applicantId !== undefined) this.sessions.forgetUser(applicantId);
    return registered;
  }

  /** Establishments in the caller's scopes (an applicant: their own), filtered and searched. */
  async list(actor: Actor, query: EstablishmentListQuery): Promise<EstablishmentList> {
    const coverage = coverageCondition(
      grantsOf(actor, [...READERS]),
      { establishment: 'o.id::text', commune: 'o.commune_code', province: 'o.province_code', region: REGION_OF_PROVINCE_SQL },
      1,
    );
    const params: unknown[] = [...coverage.params];
    const where = [`o.type = 'establishment'`, coverage.sql];
    if (query.provinceCode) where.push(`o.province_code = $${params.push(query.provinceCode)}`);
    if (query.communeCode) where.push(`o.commune_code = $${params.push(query.communeCode)}`);
    if (query.verified !== undefined) where.push(`o.verified = $${params.push(query.verified)}`);
    if (query.q) {
      const folded = `$${params.push(containsPattern(fold(query.q)))}`;
      const plain = `$${params.push(containsPattern(query.q))}`;
      where.push(`(o.name_search LIKE ${folded} OR o.tax_code ILIKE ${plain} OR o.registration_number ILIKE ${plain})`);
    }
    const filter = where.join(' AND ');
    const countParams = [...params];
    const order = orderBy(ESTABLISHMENT_ORDER, query.sort ?? 'name', query.order, 'o.id');
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<EstablishmentRow[]>(`${ESTABLISHMENT_SELECT} WHERE ${filter} ${order} LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`, params),
      this.dataSource.query<{ total: number }[]>(cappedCountSql('organisations o', filter), countParams),
    ]);
    return { items: rows.map(establishmentView), ...listTotal(count?.total) };
  }

  async get(actor: Actor, id: string): Promise<EstablishmentView> {
    const found = await loadEstablishment(this.dataSource.manager, id);
    if (!found || !holds(actor, [...READERS], { establishmentId: found.id, communeCode: found.communeCode, provinceCode: found.provinceCode, regionCode: found.regionCode })) {
      throw missing();
    }
    return found;
  }

  /** The commune or the province (their officers) confirm the registration documents; only then can entries be submitted. */
  async verify(actor: Actor, id: string): Promise<EstablishmentView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await loadEstablishment(tx, id);
      const covered = found !== undefined && (holds(actor, ['provincial_officer'], { provinceCode: found.provinceCode }) || holds(actor, ['commune_officer'], { communeCode: found.communeCode }));
      if (!found || !covered) throw missing();
      if (found.verified) return found;
      await tx.query(`UPDATE organisations SET verified = true, verified_by = $2, verified_at = now(), updated_at = now() WHERE id = $1`, [id, actor.userId]);
      await this.audit.record({ actorUserId: actor.userId, action: 'establishment.verify', targetType: 'organisation', targetId: id, details: {} }, tx);
      return (await loadEstablishment(tx, id))!;
    });
  }
}
