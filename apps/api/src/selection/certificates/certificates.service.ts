import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { CertificateStore, type CertificateRecord } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { CommandPipeline } from '../../workflow/command-pipeline.js';
import { conflict, notFound } from '../shared/errors.js';
import { grantsOf, holds, reachOf } from '../shared/scope.js';
import { certificateView } from './certificate-query.js';
import { type CertificateList, type CertificateListQuery, type CertificateView, type RevokeBody } from './dto.js';
import { ReadRouter } from '../../infra/read-routing.js';

const READERS = ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] as const;
const missing = () => notFound('Không tìm thấy giấy chứng nhận / Certificate not found');

/** Certificates for the people of the establishment and the officers above it (the public sees /public/…). */
@Injectable()
export class CertificatesService {
  private readonly certificates = new CertificateStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
    private readonly commands: CommandPipeline,
  ) {}

  async list(actor: Actor, query: CertificateListQuery): Promise<CertificateList> {
    const page = await this.certificates.list(
      await this.reads.reader(actor),
      {
        roundId: query.roundId,
        establishmentId: query.establishmentId,
        status: query.status,
        level: query.level,
        year: query.year,
        provinceCode: query.provinceCode,
        communeCode: query.communeCode,
        productGroup: query.productGroup,
        q: query.q,
      },
      reachOf(grantsOf(actor, [...READERS])),
      { sort: query.sort, order: query.order, limit: query.limit, offset: query.offset },
    );
    return { items: page.items.map(certificateView), ...listTotal(page.total) };
  }

  async get(actor: Actor, number: string): Promise<CertificateView> {
    return certificateView(await this.visible(actor, number));
  }

  /** The rendered PDF; 409 while the worker has not rendered it yet. */
  async pdf(actor: Actor, number: string): Promise<Buffer> {
    const row = await this.visible(actor, number);
    const pdf = await this.certificates.findPdf(this.dataSource.manager, row.id);
    if (!pdf) throw conflict('PDF_NOT_READY', 'Bản PDF đang được tạo, hãy thử lại sau / The PDF is being rendered, try again shortly');
    return pdf;
  }

  /**
   * Revokes through the engine (signer of the level, reason and decision reference required); the certificate's
   * status, reason and reference follow from the entry's new stage in the same transaction.
   */
  async revoke(actor: Actor, number: string, body: RevokeBody, idempotencyKey: string): Promise<{ body: CertificateView; replayed: boolean }> {
    const row = await this.visible(actor, number);
    const version = await this.certificates.instanceVersion(this.dataSource.manager, row.instanceId);
    const result = await this.commands.execute(actor, {
      instanceId: row.instanceId,
      type: 'revoke',
      expectedVersion: version!,
      idempotencyKey,
      payload: { reason: body.reason, decisionReference: body.decisionReference },
      // The version is read here, not sent by the client: after the revocation it has moved, so it must not count.
      sent: { route: 'POST /api/certificates/{number}/revoke', params: { number }, body },
    });
    return { body: await this.get(actor, number), replayed: result.replayed };
  }

  private async visible(actor: Actor, number: string): Promise<CertificateRecord> {
    const row = await this.certificates.findByNumberWithRegion(this.dataSource.manager, number);
    if (!row) throw missing();
    const chain = { establishmentId: row.establishmentId, communeCode: row.communeCode, provinceCode: row.provinceCode, regionCode: row.regionCode };
    if (!holds(actor, [...READERS], chain)) throw missing();
    return row;
  }
}
