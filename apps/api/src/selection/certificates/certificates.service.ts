import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../../common/actor.js';
import { cappedCountSql, orderBy } from '@khuyencong/persistence';
import { listTotal } from '../../common/list-query.js';
import { containsPattern, fold } from '../../common/people.js';
import { CommandsService } from '../../workflow/commands.service.js';
import { REGION_OF_PROVINCE_SQL } from '../establishments/establishment-store.js';
import { conflict, notFound } from '../shared/errors.js';
import { coverageCondition, grantsOf, holds } from '../shared/scope.js';
import { CERTIFICATE_SELECT, certificateView, type CertificateRow } from './certificate-query.js';
import { type CertificateList, type CertificateListQuery, type CertificateView, type RevokeBody } from './dto.js';

/** The certificate list's sort columns (the names GET /api/certificates accepts) and their SQL. */
const CERTIFICATE_ORDER = {
  issuedOn: { sql: 'c.issued_on', order: 'desc' },
  number: { sql: 'c.number', order: 'asc' },
  product: { sql: 'c.product_name', order: 'asc' },
  establishment: { sql: 'o.name', order: 'asc' },
  validUntil: { sql: 'c.valid_until', order: 'asc' },
} as const;

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
    const where = [coverage.sql];
    const add = (sql: (p: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (query.roundId) add((p) => `c.round_id = ${p}`, query.roundId);
    if (query.establishmentId) add((p) => `c.establishment_id = ${p}`, query.establishmentId);
    if (query.status) add((p) => `c.status = ${p}`, query.status);
    if (query.level) add((p) => `c.level = ${p}`, query.level);
    if (query.year !== undefined) add((p) => `c.year = ${p}`, query.year);
    if (query.provinceCode) add((p) => `o.province_code = ${p}`, query.provinceCode);
    if (query.communeCode) add((p) => `o.commune_code = ${p}`, query.communeCode);
    if (query.productGroup) add((p) => `c.instance_id IN (SELECT e.instance_id FROM entries e WHERE e.product_group = ${p})`, query.productGroup);
    if (query.q) {
      const folded = `$${params.push(containsPattern(fold(query.q)))}`;
      const plain = `$${params.push(containsPattern(query.q))}`;
      where.push(`(c.number ILIKE ${plain} OR c.product_search LIKE ${folded} OR o.name_search LIKE ${folded})`);
    }
    const filter = where.join(' AND ');
    const countParams = [...params];
    const order = orderBy(CERTIFICATE_ORDER, query.sort ?? 'issuedOn', query.order, 'c.number');
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<CertificateRow[]>(`${CERTIFICATE_SELECT} WHERE ${filter} ${order} LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`, params),
      this.dataSource.query<{ total: number }[]>(cappedCountSql('certificates c JOIN organisations o ON o.id = c.establishment_id', filter), countParams),
    ]);
    return { items: rows.map(certificateView), ...listTotal(count?.total) };
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
  async revoke(actor: Actor, number: string, body: RevokeBody, idempotencyKey: string): Promise<{ body: CertificateView; replayed: boolean }> {
    const row = await this.visible(actor, number);
    const [instance] = await this.dataSource.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [row.instance_id]);
    const result = await this.commands.execute(actor, {
      instanceId: row.instance_id,
      type: 'revoke',
      expectedVersion: instance!.version,
      idempotencyKey,
      payload: { reason: body.reason, decisionReference: body.decisionReference },
      // The version is read here, not sent by the client: after the revocation it has moved, so it must not count.
      sent: { route: 'POST /api/certificates/{number}/revoke', params: { number }, body },
    });
    return { body: await this.get(actor, number), replayed: result.replayed };
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
