import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { CommandsService } from '../../workflow/commands.service.js';
import { REGION_OF_PROVINCE_SQL } from '../establishments/establishments.service.js';
import { conflict, notFound } from '../shared/errors.js';
import { coverageCondition, grantsOf, holds } from '../shared/scope.js';
import { CERTIFICATE_SELECT, certificateView, type CertificateRow } from './certificate-query.js';
import { type CertificateList, type CertificateListQuery, type CertificateView, type RevokeBody } from './dto.js';

const READERS = ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] as const;
const missing = () => notFound('Không tìm thấy giấy chứng nhận / Certificate not found');

/** Certificates for the people of the establishment and the officers above it (the public sees /public/…). */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: CommandsService,
  ) {}

  async list(actor: Actor, query: CertificateListQuery): Promise<CertificateList> {
    const coverage = coverageCondition(
      grantsOf(actor, [...READERS]),
      { establishment: 'o.id::text', commune: 'o.commune_code', province: 'o.province_code', region: REGION_OF_PROVINCE_SQL },
      1,
    );
    const params: unknown[] = [...coverage.params];
    let sql = `${CERTIFICATE_SELECT} WHERE ${coverage.sql}`;
    if (query.roundId) sql += ` AND c.round_id = $${params.push(query.roundId)}`;
    if (query.establishmentId) sql += ` AND c.establishment_id = $${params.push(query.establishmentId)}`;
    if (query.status) sql += ` AND c.status = $${params.push(query.status)}`;
    sql += ` ORDER BY c.issued_on DESC, c.number LIMIT $${params.push(query.limit)}`;
    const rows = await this.dataSource.query<CertificateRow[]>(sql, params);
    return { items: rows.map(certificateView) };
  }

  async get(actor: Actor, number: string): Promise<CertificateView> {
    return certificateView(await this.visible(actor, number));
  }

  /** The rendered PDF; 409 while the worker has not rendered it yet. */
  async pdf(actor: Actor, number: string): Promise<Buffer> {
    const row = await this.visible(actor, number);
    const [pdf] = await this.dataSource.query<{ content: Buffer }[]>(`SELECT content FROM certificate_pdfs WHERE certificate_id = $1`, [row.id]);
    if (!pdf) throw conflict('PDF_NOT_READY', 'Bản PDF đang được tạo, hãy thử lại sau / The PDF is being rendered, try again shortly');
    return pdf.content;
  }

  /**
   * Revokes through the engine (signer of the level, reason and decision reference required); the certificate's
   * status, reason and reference follow from the entry's new stage in the same transaction.
   */
  async revoke(actor: Actor, number: string, body: RevokeBody, idempotencyKey: string): Promise<CertificateView> {
    const row = await this.visible(actor, number);
    const [instance] = await this.dataSource.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [row.instance_id]);
    await this.commands.execute(actor, {
      instanceId: row.instance_id,
      type: 'revoke',
      expectedVersion: instance!.version,
      idempotencyKey,
      payload: { reason: body.reason, decisionReference: body.decisionReference },
      // The version is read here, not sent by the client: after the revocation it has moved, so it must not count.
      sent: { route: 'POST /api/certificates/{number}/revoke', params: { number }, body },
    });
    return this.get(actor, number);
  }

  private async visible(actor: Actor, number: string): Promise<CertificateRow> {
    const [row] = await this.dataSource.query<(CertificateRow & { region_code: string | null })[]>(
      `SELECT q.*, (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = q.province_code ORDER BY m.valid_from DESC LIMIT 1) AS region_code
         FROM (${CERTIFICATE_SELECT} WHERE c.number = $1) q`,
      [number],
    );
    if (!row) throw missing();
    const chain = { establishmentId: row.establishment_id, communeCode: row.commune_code, provinceCode: row.province_code, regionCode: row.region_code };
    if (!holds(actor, [...READERS], chain)) throw missing();
    return row;
  }
}
