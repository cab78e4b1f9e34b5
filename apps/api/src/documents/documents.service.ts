import { createHash } from 'node:crypto';
import { type ReadStream } from 'node:fs';
import { HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { DocumentStore, type DocumentRow } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { API_CONFIG } from '../config.js';
import { BlobStore } from './blob-store.js';
import { assignedToDossierOf, grantsCover, loadOrganisationScope } from './document-access.js';
import { type DocumentResponse, type DocumentRules, type UploadFields } from './dto.js';
import { contentDisposition, sanitiseFileName } from './filename.js';
import { DOCUMENT_EXTENSIONS, DOCUMENT_TYPES, declaredTypeMatches, sniffDocument, type DocumentKind } from './sniff.js';
import { type UploadedDocumentFile } from './upload.interceptor.js';

/** Above this declared expansion an Office file is treated as a zip bomb (real DOCX/XLSX stay well below 20:1). */
const MAX_COMPRESSION_RATIO = 100;

export interface DocumentDownload {
  stream: ReadStream;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  contentDisposition: string;
}

const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy tài liệu / Document not found' });
const refused = (status: HttpStatus, code: string, message: string) => new HttpException({ statusCode: status, code, message }, status);

@Injectable()
export class DocumentsService {
  private readonly documents = new DocumentStore();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly audit: AuditService,
  ) {}

  /** The limits `upload` enforces: UPLOAD_MAX_BYTES (the interceptor's multer limit) and the sniffed types. */
  rules(): DocumentRules {
    return {
      maxBytes: this.config.UPLOAD_MAX_BYTES,
      types: (Object.keys(DOCUMENT_TYPES) as DocumentKind[]).map((kind) => ({ mimeType: DOCUMENT_TYPES[kind], extensions: [...DOCUMENT_EXTENSIONS[kind]] })),
    };
  }

  async upload(actor: Actor, file: UploadedDocumentFile | undefined, fields: UploadFields, requestId?: string): Promise<DocumentResponse> {
    if (!file || file.size === 0) {
      throw refused(HttpStatus.BAD_REQUEST, 'MALFORMED_REQUEST', 'Thiếu tệp hoặc tệp rỗng / Send a non-empty file in the part named "file"');
    }
    const sniffed = await sniffDocument(file.buffer, { maxUncompressedBytes: this.config.UPLOAD_MAX_UNCOMPRESSED_BYTES, maxRatio: MAX_COMPRESSION_RATIO });
    if (!sniffed.ok) {
      if (sniffed.reason === 'unsupported_type') {
        throw refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_TYPE', `Loại tệp không được chấp nhận / File type not accepted: ${sniffed.detail}`);
      }
      if (sniffed.reason === 'executable_content') {
        throw refused(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'EXECUTABLE_CONTENT',
          `Tệp chứa chương trình, mã lệnh hoặc macro / The file carries programs, scripts or macros: ${sniffed.detail}`,
        );
      }
      const code = sniffed.reason === 'zip_bomb' ? 'ZIP_BOMB' : 'MALFORMED_ARCHIVE';
      throw refused(HttpStatus.UNPROCESSABLE_ENTITY, code, `Tệp nén không an toàn hoặc hỏng / Unsafe or broken archive: ${sniffed.detail}`);
    }
    if (!declaredTypeMatches(file.mimetype, sniffed.kind)) {
      throw refused(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'TYPE_MISMATCH',
        `Loại khai báo (${file.mimetype}) không khớp nội dung (${sniffed.mimeType}) / The declared type does not match the content`,
      );
    }
    const ownerOrganisationId = await this.ownerFor(actor, fields.organisationId);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const originalName = sanitiseFileName(file.originalname);

    // The bytes are written before the row: a crash in between leaves an unreferenced blob (harmless, collectable),
    // never a row whose bytes are missing. Blobs are content-addressed and written atomically, so concurrent puts of
    // the same bytes are harmless.
    const key = await this.blobs.put(sha256, file.buffer);
    return this.dataSource.transaction(async (manager) => {
      // Identical uploads of one uploader for one owner are one document: a transaction-scoped advisory lock on
      // (hash, uploader, owner) makes the look-up and the insert atomic, so 8 identical uploads at once store one row.
      await this.documents.lockUpload(manager, sha256, actor.userId, ownerOrganisationId);
      const existing = await this.documents.findUploaded(manager, sha256, actor.userId, ownerOrganisationId);
      if (existing) return { ...toResponse(existing), deduplicated: true };
      const row = await this.documents.insert(manager, {
        sha256,
        sizeBytes: file.size,
        mimeType: sniffed.mimeType,
        originalName,
        blobKey: key,
        ownerOrganisationId,
        uploadedBy: actor.userId,
      });
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'document.upload',
          targetType: 'document',
          targetId: row.id,
          details: { sha256, sizeBytes: file.size, mimeType: sniffed.mimeType, ownerOrganisationId },
          requestId,
        },
        manager,
      );
      return { ...toResponse(row), deduplicated: false };
    });
  }

  /** The uploader, or anyone whose grants cover the owner organisation; everyone else gets the same 404 as for a missing id. */
  async download(actor: Actor, id: string): Promise<DocumentDownload> {
    const row = await this.documents.findById(this.dataSource.manager, id);
    if (!row || !(await this.mayRead(actor, row))) throw notFound();
    return {
      stream: await this.blobs.open(row.sha256),
      mimeType: row.mime_type,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      contentDisposition: contentDisposition(row.original_name),
    };
  }

  private async mayRead(actor: Actor, row: DocumentRow): Promise<boolean> {
    if (row.uploaded_by === actor.userId) return true;
    if (!row.owner_organisation_id) return false;
    const organisation = await loadOrganisationScope(this.dataSource.manager, row.owner_organisation_id);
    if (organisation !== undefined && grantsCover(actor, organisation)) return true;
    return assignedToDossierOf(this.dataSource.manager, actor, row.id);
  }

  /** An explicit owner must be within the uploader's grants; by default the uploader's establishment, if any. */
  private async ownerFor(actor: Actor, requested: string | undefined): Promise<string | null> {
    if (requested) {
      const organisation = await loadOrganisationScope(this.dataSource.manager, requested);
      if (!organisation || !grantsCover(actor, organisation)) {
        throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy tổ chức / Organisation not found' });
      }
      return organisation.id;
    }
    const establishments = actor.grants
      .filter((grant) => grant.scopeType === 'establishment' && grant.scopeId !== null)
      .map((grant) => grant.scopeId as string)
      .sort();
    for (const establishment of establishments) {
      // A grant's scope id has no foreign key: only an organisation that exists can own the document.
      if (await loadOrganisationScope(this.dataSource.manager, establishment)) return establishment;
    }
    return null;
  }
}

function toResponse(row: DocumentRow): Omit<DocumentResponse, 'deduplicated'> {
  return {
    id: row.id,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    mimeType: row.mime_type,
    originalName: row.original_name,
    ownerOrganisationId: row.owner_organisation_id,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
  };
}
