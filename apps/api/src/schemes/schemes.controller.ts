import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { Authenticated, Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ValidHeader, openApi, zodPipe } from '../common/zod.js';
import { IdempotencyKey, IfMatch } from '../workflow/dto.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import { CreateSchemeBody, LocalPlanApprovalBody, SchemeCommandBody, SchemeCommandParams, SchemeIdParam, SchemeListQuery, SchemeListResponse, SchemeView, type SchemeCommandType } from './dto.js';
import { SchemeCommandsService } from './scheme-commands.service.js';
import { SchemesService } from './schemes.service.js';

const CommandResponse = z.object({ scheme: SchemeView, nextActions: z.array(z.string()) });

@ApiTags('schemes')
@Controller('schemes')
export class SchemesController {
  constructor(
    private readonly schemes: SchemesService,
    private readonly commands: SchemeCommandsService,
  ) {}

  @Post()
  @Roles('provincial_officer')
  @ApiBody({ schema: openApi(CreateSchemeBody) })
  @ApiCreatedResponse({ schema: openApi(SchemeView) })
  @ApiUnprocessableEntityResponse({ description: 'A budget line breaks a support rule; `rule` names it' })
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

  @Post('local-plan-approvals')
  @Roles('signer')
  @HttpCode(200)
  @ApiBody({ schema: openApi(LocalPlanApprovalBody) })
  @ApiOkResponse({ schema: openApi(z.array(SchemeView)), description: 'The local plan approved: the schemes enter the plan, the annual plan gets a new version' })
  approveLocalPlan(@Body(zodPipe(LocalPlanApprovalBody)) body: LocalPlanApprovalBody, @CurrentActor() actor: Actor): Promise<SchemeView[]> {
    return this.commands.approveLocalPlan(actor, body.items);
  }

  @Post(':id/commands/:type')
  @Authenticated()
  @HttpCode(200)
  @ApiParam({ name: 'type', description: 'submit, pass, return, contract, record_disbursement, request_change, vote, settle, …', schema: { type: 'string' } })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiBody({ schema: openApi(SchemeCommandBody) })
  @ApiOkResponse({ schema: openApi(CommandResponse) })
  @ApiConflictResponse({ description: 'Stale version, or the key was used with a different body' })
  @ApiUnprocessableEntityResponse({ description: 'A rule refused the command (deadline, support cap, advance, settlement); nothing was written' })
  async command(
    @Param(zodPipe(SchemeCommandParams)) params: { id: string; type: SchemeCommandType },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) idempotencyKey: string,
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) expectedVersion: number,
    @Body(zodPipe(SchemeCommandBody)) body: SchemeCommandBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<z.infer<typeof CommandResponse>> {
    const result = await this.commands.execute(actor, { schemeId: params.id, type: params.type, expectedVersion, idempotencyKey, payload: body.payload });
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }
}
