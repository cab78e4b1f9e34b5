import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { Authenticated } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { ETAG_SHA256 } from '../common/openapi-contract.js';
import { openApi, zodPipe } from '../common/zod.js';
import { DocumentsService } from './documents.service.js';
import { DocumentIdParam, DocumentResponse, DocumentRules, UploadFields, uploadBodySchema } from './dto.js';
import { UploadInterceptor, type UploadedDocumentFile } from './upload.interceptor.js';

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Authenticated()
  @UseInterceptors(UploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: uploadBodySchema })
  @ApiCreatedResponse({ schema: openApi(DocumentResponse) })
  @ApiNotFoundResponse({ description: '`organisationId` names no organisation the caller’s grants cover' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content is not an accepted type, or does not match the declared type' })
  @Refuses({
    404: ['NOT_FOUND'],
    415: ['UNSUPPORTED_TYPE', 'TYPE_MISMATCH'],
    // The archive declares too much uncompressed data or too high a ratio, is malformed, or carries programs or macros.
    422: ['EXECUTABLE_CONTENT', 'ZIP_BOMB', 'MALFORMED_ARCHIVE'],
  })
  upload(
    @UploadedFile() file: UploadedDocumentFile | undefined,
    @Body(zodPipe(UploadFields)) fields: UploadFields,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<DocumentResponse> {
    return this.documents.upload(actor, file, fields, requestId);
  }

  // Declared before ':id' so that "rules" is not read as a document id.
  @Get('rules')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(DocumentRules), description: 'The size limit and accepted types the upload enforces' })
  rules(): DocumentRules {
    return this.documents.rules();
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({
    description: 'The file',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    headers: { ETag: ETAG_SHA256 },
  })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller (never 403, so existence does not leak)' })
  async download(
    @Param('id', zodPipe(DocumentIdParam)) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.documents.download(actor, id);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('ETag', `"${file.sha256}"`);
    return new StreamableFile(file.stream, { type: file.mimeType, length: file.sizeBytes, disposition: file.contentDisposition });
  }
}
