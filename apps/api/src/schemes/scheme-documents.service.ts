import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { SchemeDocumentStore, SchemeStore } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { conflict, forbidden, notFound, unprocessable } from '../selection/shared/errors.js';
import { holds } from '../selection/shared/scope.js';
import { type AttachSchemeDocumentBody, type SchemeView } from './dto.js';
import { type SchemeRow } from './scheme-views.js';
import { SchemesService } from './schemes.service.js';

/** Stages after which a scheme's file is closed: nothing is attached or removed any more. */
const CLOSED_STAGES = new Set(['closed', 'rejected', 'withdrawn', 'cancelled']);

/**
 * A scheme's documents: officers of its province (and the Cục) attach the files they uploaded for the implementing
 * unit, with their kind, and remove them while the scheme is open. Reading them is the documents route's business:
 * the unit owns them, so whoever's grants cover the unit reads them (and the scheme's acceptance council, by assignment).
 */
@Injectable()
export class SchemeDocumentsService {
  private readonly rows = new SchemeStore();
  private readonly documents = new SchemeDocumentStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemes: SchemesService,
    private readonly audit: AuditService,
  ) {}

  async attach(actor: Actor, schemeId: string, body: AttachSchemeDocumentBody): Promise<SchemeView> {
    return await this.dataSource.transaction(async (tx) => {
      const scheme = await this.openScheme(tx, actor, schemeId);
      const document = await this.documents.findUpload(tx, body.documentId);
      if (!document || document.uploaded_by !== actor.userId) {
        throw unprocessable('DOCUMENT_NOT_YOURS', 'Chỉ gắn được tài liệu do chính bạn tải lên / Only a document you uploaded can be attached', {
          documentId: body.documentId,
        });
      }
      if (document.owner_organisation_id !== scheme.implementing_unit_id) {
        throw unprocessable(
          'DOCUMENT_OWNER_MISMATCH',
          'Tài liệu phải được tải lên cho đơn vị thực hiện đề án / The document must be uploaded for the scheme’s implementing unit',
          {
            documentId: body.documentId,
          },
        );
      }
      await this.documents.attach(tx, schemeId, body.documentId, body.kind, actor.userId);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'scheme.document.attach',
          targetType: 'scheme',
          targetId: schemeId,
          details: { documentId: body.documentId, kind: body.kind },
        },
        tx,
      );
      return this.schemes.detail(tx, actor, schemeId);
    });
  }

  async remove(actor: Actor, schemeId: string, documentId: string): Promise<SchemeView> {
    return this.dataSource.transaction(async (tx) => {
      await this.openScheme(tx, actor, schemeId);
      const kind = await this.documents.detach(tx, schemeId, documentId);
      if (kind === undefined) throw notFound('Đề án không có tài liệu này / The scheme has no such document');
      await this.audit.record(
        { actorUserId: actor.userId, action: 'scheme.document.remove', targetType: 'scheme', targetId: schemeId, details: { documentId, kind } },
        tx,
      );
      return this.schemes.detail(tx, actor, schemeId);
    });
  }

  /** The scheme, visible (else 404), locked, still open (else 409), and the caller an officer of its province or the Cục (else 403). */
  private async openScheme(tx: EntityManager, actor: Actor, schemeId: string): Promise<SchemeRow> {
    const scheme = await this.schemes.loadVisible(tx, actor, schemeId);
    if (!holds(actor, ['provincial_officer'], { provinceCode: scheme.province_code }) && !holds(actor, ['central_officer'], {})) {
      throw forbidden(
        'Chỉ chuyên viên của tỉnh hoặc của Cục mới gắn hoặc gỡ tài liệu của đề án / Only officers of the province or the Cục manage the scheme’s documents',
      );
    }
    await this.rows.lockForUpdate(tx, schemeId);
    if (CLOSED_STAGES.has(scheme.stage)) throw conflict('SCHEME_CLOSED', 'Hồ sơ đề án đã đóng / The scheme’s file is closed');
    if (!scheme.implementing_unit_id) throw conflict('SCHEME_CLOSED', 'Đề án nhập từ dữ liệu cũ không có tài liệu / An imported scheme has no documents');
    return scheme;
  }
}
