import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { contentDisposition } from '../documents/filename.js';
import { PLAN_READERS } from '../plans/plans.service.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import { ImportKindParam, ImportReport, PlanLineList, PlanLinesQuery, TemplateQuery, importBodySchema } from './dto.js';
import { ImportsService, type ImportFile } from './imports.service.js';
import { type ImportKindName } from './kinds/kind.js';
import { PlanLinesService } from './plan-lines.service.js';
import { ImportUploadInterceptor } from './upload.interceptor.js';

const IMPORTERS = ['provincial_officer', 'commune_officer', 'admin'] as const;
/**
 * The refusals of the whole file: no file (FILE_REQUIRED), neither .xlsx nor UTF-8 text (UNSUPPORTED_FILE_TYPE), a
 * workbook that cannot be read (UNREADABLE_FILE) or expands too far (ARCHIVE_TOO_LARGE), missing columns
 * (MISSING_COLUMNS), no sheet or data rows (EMPTY_FILE), more than 5,000 rows (TOO_MANY_ROWS).
 */
const FILE_REFUSALS = {
  400: ['FILE_REQUIRED'],
  415: ['UNSUPPORTED_FILE_TYPE'],
  422: ['UNREADABLE_FILE', 'ARCHIVE_TOO_LARGE', 'MISSING_COLUMNS', 'EMPTY_FILE', 'TOO_MANY_ROWS'],
} as const;

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':kind/template')
  @Roles(...IMPORTERS)
  @ApiQueryOf(TemplateQuery)
  @ApiOkResponse({
    description: 'The empty template, Vietnamese headers',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async template(
    @Param(zodPipe(ImportKindParam)) params: { kind: ImportKindName },
    @Query(zodPipe(TemplateQuery)) query: TemplateQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.imports.template(actor, params.kind, query.format);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, { type: file.mimeType, length: file.content.length, disposition: contentDisposition(file.fileName) });
  }

  @Post(':kind/dry-run')
  @HttpCode(200)
  @Roles(...IMPORTERS)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: importBodySchema })
  @ApiOkResponse({ schema: openApi(ImportReport), description: 'What each row would do; nothing is written' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 5 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Neither an .xlsx workbook nor a UTF-8 text, by content' })
  @Refuses(FILE_REFUSALS)
  dryRun(
    @Param(zodPipe(ImportKindParam)) params: { kind: ImportKindName },
    @UploadedFile() file: ImportFile | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReport> {
    return this.imports.run(actor, params.kind, file, false);
  }

  @Post(':kind/apply')
  @HttpCode(200)
  @Roles(...IMPORTERS)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: importBodySchema })
  @ApiOkResponse({
    schema: openApi(ImportReport),
    description: 'Every valid row written in one transaction; refused rows left out; a re-run reports them unchanged',
  })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 5 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Neither an .xlsx workbook nor a UTF-8 text, by content' })
  @Refuses(FILE_REFUSALS)
  apply(
    @Param(zodPipe(ImportKindParam)) params: { kind: ImportKindName },
    @UploadedFile() file: ImportFile | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReport> {
    return this.imports.run(actor, params.kind, file, true);
  }
}

@ApiTags('plans')
@Controller('plan-lines')
export class PlanLinesController {
  constructor(private readonly planLines: PlanLinesService) {}

  @Get()
  @Roles(...PLAN_READERS)
  @ApiQueryOf(PlanLinesQuery)
  @ApiOkResponse({ schema: openApi(PlanLineList), description: 'The lines of a province’s annual plan for a year (imported from spreadsheets)' })
  @ApiNotFoundResponse({ description: 'A province outside the caller’s grants' })
  @Refuses({ 404: ['NOT_FOUND'] })
  list(@Query(zodPipe(PlanLinesQuery)) query: PlanLinesQuery, @CurrentActor() actor: Actor): Promise<PlanLineList> {
    return this.planLines.list(actor, query);
  }
}
