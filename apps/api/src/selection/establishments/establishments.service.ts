import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { SessionService } from '../../auth/session.service.js';
import { type Actor } from '../../common/actor.js';
import { ApplicantStore, AreaStore, EstablishmentStore } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.js';
import { grantsOf, holds, reachOf } from '../shared/scope.js';
import {
  type CreateEstablishmentBody,
  type EstablishmentList,
  type EstablishmentListQuery,
  type EstablishmentView,
  type RegisterEstablishmentBody,
} from './dto.js';
import { ReadRouter } from '../../infra/read-routing.js';

/** The store insertEstablishment writes through (stateless). */
const establishments = new EstablishmentStore();
const areas = new AreaStore();

const READERS = ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] as const;
/** Who registers an establishment for someone else, and verifies it: the officers of its commune or province. */
const OFFICERS = ['commune_officer', 'provincial_officer'] as const;

const userNotFound = () =>
  new NotFoundException({
    statusCode: 404,
    code: 'USER_NOT_FOUND',
    message: 'Không có người dùng đang hoạt động với email này / No active user with this e-mail',
  });
const missing = () => notFound('Không tìm thấy cơ sở / Establishment not found');

/**
 * Writes an unverified establishment (the unit triggers refuse abolished or mismatched units) and its audit row,
 * inside the caller's transaction; the applicant grant is the caller's to add.
 */
export async function insertEstablishment(tx: EntityManager, audit: AuditService, body: RegisterEstablishmentBody, registeredBy: string): Promise<string> {
  if (!(await areas.provinceExists(tx, body.provinceCode)))
    throw unprocessable('UNKNOWN_UNIT', 'Tỉnh không tồn tại / Unknown province', { provinceCode: body.provinceCode });
  if (body.taxCode) {
    if ((await establishments.findIdByTaxCode(tx, body.taxCode)) !== undefined)
      throw conflict('ALREADY_REGISTERED', 'Mã số thuế đã được đăng ký / This tax code is already registered');
  }
  const id = await establishments.insert(tx, {
    name: body.name,
    legalForm: body.legalForm,
    registrationNumber: body.registrationNumber,
    taxCode: body.taxCode ?? null,
    communeCode: body.communeCode,
    provinceCode: body.provinceCode,
    priorityFlags: body.priorityFlags,
    registeredBy,
  });
  await audit.record(
    { actorUserId: registeredBy, action: 'establishment.register', targetType: 'organisation', targetId: id, details: { name: body.name } },
    tx,
  );
  return id;
}

/** Establishments (cơ sở CNNT): registered by an applicant or an officer, verified by the commune or province before entries can be submitted. */
@Injectable()
export class EstablishmentsService {
  private readonly establishments = new EstablishmentStore();
  private readonly applicants = new ApplicantStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Registers an establishment. An officer of its commune or province registers it for someone: the officer does
   * not become its applicant; `applicantEmail` names an existing user who does. Anyone else becomes its applicant.
   */
  async register(actor: Actor, body: CreateEstablishmentBody): Promise<EstablishmentView> {
    const { applicantEmail, ...establishment } = body;
    const asOfficer =
      holds(actor, ['commune_officer'], { communeCode: body.communeCode }) || holds(actor, ['provincial_officer'], { provinceCode: body.provinceCode });
    // An officer of another commune or province registers nothing here (unless they are also an applicant).
    if (!asOfficer && grantsOf(actor, [...OFFICERS]).length > 0 && grantsOf(actor, ['applicant']).length === 0) {
      throw forbidden('Cơ sở nằm ngoài địa bàn của bạn / The establishment is outside your commune or province');
    }
    if (!asOfficer && applicantEmail !== undefined)
      throw forbidden('Chỉ cán bộ xã/tỉnh mới chỉ định người đại diện / Only commune or provincial officers name an applicant');
    let applicantId: string | undefined;
    const registered = await this.dataSource.transaction(async (tx) => {
      if (asOfficer && applicantEmail !== undefined) {
        const userId = await this.applicants.findActiveUserIdByEmail(tx, applicantEmail);
        if (userId === undefined) throw userNotFound();
        applicantId = userId;
      } else if (!asOfficer) {
        applicantId = actor.userId;
      }
      const id = await insertEstablishment(tx, this.audit, establishment, actor.userId);
      if (applicantId !== undefined) {
        await this.applicants.grantApplicant(tx, applicantId, id);
      }
      return (await this.establishments.find(tx, id))!;
    });
    // The new grant holds from the next request on (other API processes hear of it from the grant's trigger).
    if (applicantId !== undefined) this.sessions.forgetUser(applicantId);
    return registered;
  }

  /** Establishments in the caller's scopes (an applicant: their own), filtered and searched. */
  async list(actor: Actor, query: EstablishmentListQuery): Promise<EstablishmentList> {
    const page = await this.establishments.list(
      await this.reads.reader(actor),
      { provinceCode: query.provinceCode, communeCode: query.communeCode, verified: query.verified, q: query.q },
      reachOf(grantsOf(actor, [...READERS])),
      { sort: query.sort, order: query.order, limit: query.limit, offset: query.offset },
    );
    return { items: page.items, ...listTotal(page.total) };
  }

  async get(actor: Actor, id: string): Promise<EstablishmentView> {
    const found = await this.establishments.find(this.dataSource.manager, id);
    if (
      !found ||
      !holds(actor, [...READERS], { establishmentId: found.id, communeCode: found.communeCode, provinceCode: found.provinceCode, regionCode: found.regionCode })
    ) {
      throw missing();
    }
    return found;
  }

  /** The commune or the province (their officers) confirm the registration documents; only then can entries be submitted. */
  async verify(actor: Actor, id: string): Promise<EstablishmentView> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.establishments.find(tx, id);
      const covered =
        found !== undefined &&
        (holds(actor, ['provincial_officer'], { provinceCode: found.provinceCode }) || holds(actor, ['commune_officer'], { communeCode: found.communeCode }));
      if (!found || !covered) throw missing();
      if (found.verified) return found;
      await this.establishments.markVerified(tx, id, actor.userId);
      await this.audit.record({ actorUserId: actor.userId, action: 'establishment.verify', targetType: 'organisation', targetId: id, details: {} }, tx);
      return (await this.establishments.find(tx, id))!;
    });
  }
}
