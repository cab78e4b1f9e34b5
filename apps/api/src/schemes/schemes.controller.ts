import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { Authenticated, Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { ValidHeader, checkBodyType, openApi, zodPipe } from '../common/zod.js';
import { SchemeCommandUnion } from '../workflow/command-bodies.js';
import { IdempotencyKey, IfMatch } from '../workflow/dto.js';
import { replayed } from '../workflow/idempotent-request.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import {
  AttachSchemeDocumentBody,
  CreateSchemeBody,
  SchemeDocumentParams,
  UpdateSchemeBody,
  LocalPlanApprovalBody,
  SchemeCommandBody,
  SchemeCommandParams,
  SchemeIdParam,
  SchemeListQuery,
  SchemeListResponse,
  SchemeView,
  type SchemeCommandType,
} from './dto.js';
import { SchemeCommandsService } from './scheme-commands.service.js';
import { SchemeDocumentsService } from './scheme-documents.service.js';
import { SchemesService } from './schemes.service.js';

const CommandResponse = z.object({
  scheme: SchemeView,
  nextActions: z.array(z.string()).describe('The actions the caller may take now on the scheme (four-eyes, scope and council membership honoured)'),
});

@ApiTags('schemes')
@Controller('schemes')
export class SchemesController {
  constructor(
    private readonly schemes: SchemesService,
    private readonly commands: SchemeCommandsService,
    private readonly documents: SchemeDocumentsService,
  ) {}

  @Post()
  @Roles('provincial_officer')
  @ApiBody({ schema: openApi(CreateSchemeBody) })
  @ApiCreatedResponse({ schema: openApi(SchemeView) })
  // No programme covers the year, or a budget line breaks a support rule (`rule` names it).
  @Refuses({ 422: ['NO_PROGRAMME_FOR_YEAR', 'SUPPORT_ABOVE_COST', 'SUPPORT_RULE_VIOLATED'] })
  create(@Body(zodPipe(CreateSchemeBody)) body: CreateSchemeBody, @CurrentActor() actor: Actor): Promise<SchemeView> {
    return this.schemes.create(actor, body);
  }

  @Get()
  @Authenticated()
  @ApiQueryOf(SchemeListQuery)
  @ApiOkResponse({ schema: openApi(SchemeListResponse) })
  list(@Query(zodPipe(SchemeListQuery)) query: SchemeListQuery, @CurrentActor() actor: Actor): Promise<SchemeListResponse> {
    return this.schemes.list(actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(SchemeView) })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  get(@Param(zodPipe(SchemeIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<SchemeView> {
    return this.schemes.get(actor, params.id);
  }

  @Put(':id')
  @Roles('provincial_officer')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The scheme’s `revision` the caller saw (edits move it; commands do not)' })
  @ApiBody({ schema: openApi(UpdateSchemeBody) })
  @ApiOkResponse({ schema: openApi(SchemeView), description: 'The draft or returned scheme rewritten (year, province and fund stay)' })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: the caller sees the scheme but is not an officer of its province' })
  // STALE_REVISION: edited by someone else since read; SCHEME_LOCKED: past draft and revision (or imported); a budget line breaking a support rule (`rule` names it).
  @Refuses({ 409: ['SCHEME_LOCKED', 'STALE_REVISION'], 422: ['SUPPORT_ABOVE_COST', 'SUPPORT_RULE_VIOLATED'] })
  update(
    @Param(zodPipe(SchemeIdParam)) params: { id: string },
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) revision: number,
    @Body(zodPipe(UpdateSchemeBody)) body: UpdateSchemeBody,
    @CurrentActor() actor: Actor,
  ): Promise<SchemeView> {
    return this.schemes.update(actor, params.id, revision, body);
  }

  @Post(':id/documents')
  @Roles('provincial_officer', 'central_officer')
  @ApiBody({ schema: openApi(AttachSchemeDocumentBody) })
  @ApiCreatedResponse({ schema: openApi(SchemeView), description: 'The document attached with its kind; the scheme with its documents' })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: the caller sees the scheme but is neither an officer of its province nor of the Cục' })
  // SCHEME_CLOSED: settled, rejected, withdrawn or cancelled; DOCUMENT_NOT_YOURS: uploaded by someone else; DOCUMENT_OWNER_MISMATCH: not uploaded for the implementing unit.
  @Refuses({ 409: ['SCHEME_CLOSED', 'DOCUMENT_ALREADY_ATTACHED'], 422: ['DOCUMENT_NOT_YOURS', 'DOCUMENT_OWNER_MISMATCH'] })
  attachDocument(
    @Param(zodPipe(SchemeIdParam)) params: { id: string },
    @Body(zodPipe(AttachSchemeDocumentBody)) body: AttachSchemeDocumentBody,
    @CurrentActor() actor: Actor,
  ): Promise<SchemeView> {
    return this.documents.attach(actor, params.id, body);
  }

  @Delete(':id/documents/:documentId')
  @Roles('provincial_officer', 'central_officer')
  @ApiOkResponse({ schema: openApi(SchemeView), description: 'The document taken off the scheme (the file itself stays, as the audit trail needs it)' })
  @ApiNotFoundResponse({ description: 'Missing scheme or document, or outside the caller’s scopes' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: the caller sees the scheme but is neither an officer of its province nor of the Cục' })
  // SCHEME_CLOSED: settled, rejected, withdrawn or cancelled.
  @Refuses({ 409: ['SCHEME_CLOSED'] })
  removeDocument(@Param(zodPipe(SchemeDocumentParams)) params: { id: string; documentId: string }, @CurrentActor() actor: Actor): Promise<SchemeView> {
    return this.documents.remove(actor, params.id, params.documentId);
  }

  @Post('local-plan-approvals')
  @Roles('signer')
  @HttpCode(200)
  @ApiBody({ schema: openApi(LocalPlanApprovalBody) })
  @ApiOkResponse({
    schema: openApi(z.array(SchemeView)),
    description: 'The local plan approved: the schemes enter the plan, the annual plan gets a new version',
  })
  @ApiNotFoundResponse({ description: 'A scheme is missing, or outside the caller’s scopes' })
  // The engine's refusals of each scheme's approval: the signer submitted it, its version moved on, it is not awaiting approval.
  @Refuses({ 403: ['FOUR_EYES'], 404: ['NOT_FOUND'], 409: ['STALE_VERSION'], 422: ['WRONG_STAGE', 'TERMINAL_STATE'] })
  approveLocalPlan(@Body(zodPipe(LocalPlanApprovalBody)) body: LocalPlanApprovalBody, @CurrentActor() actor: Actor): Promise<SchemeView[]> {
    return this.commands.approveLocalPlan(actor, body.items);
  }

  @Post(':id/commands/:type')
  @Authenticated()
  @HttpCode(200)
  @ApiParam({ name: 'type', description: 'submit, pass, return, contract, record_disbursement, request_change, vote, settle, …', schema: { type: 'string' } })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiBody({
    schema: openApi(SchemeCommandUnion),
    description: 'One schema per command type with its payload (`type` may be left out; when sent it must be the path’s)',
  })
  @ApiOkResponse({ schema: openApi(CommandResponse) })
  @ApiConflictResponse({ description: 'Stale version, or the key was used with a different body' })
  // A money rule refused the command, nothing written: the registration deadline and support caps (submit, resubmit, pass),
  // advances and disbursements (record_disbursement), changes (request_change), the settlement (settle).
  @Refuses({
    422: [
      'REGISTRATION_DEADLINE_PASSED',
      'SUPPORT_ABOVE_COST',
      'SUPPORT_RULE_VIOLATED',
      'ADVANCE_RULE_VIOLATED',
      'DISBURSEMENT_ABOVE_ALLOCATION',
      'CHANGE_DATE_NOT_ALLOWED',
      'EXTENSION_DATE_INVALID',
      'CHANGE_AMOUNT_NOT_ALLOWED',
      'SETTLEMENT_ABOVE_ALLOCATION',
    ],
  })
  async command(
    @Param(zodPipe(SchemeCommandParams)) params: { id: string; type: SchemeCommandType },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) idempotencyKey: string,
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) expectedVersion: number,
    @Body(zodPipe(SchemeCommandBody)) body: SchemeCommandBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<z.infer<typeof CommandResponse>> {
    checkBodyType(params.type, body.type);
    const result = await this.commands.execute(actor, { schemeId: params.id, type: params.type, expectedVersion, idempotencyKey, payload: body.payload });
    return replayed(res, result);
  }
}
