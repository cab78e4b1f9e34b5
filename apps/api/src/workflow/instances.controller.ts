import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiHeader, ApiParam, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type JsonObject } from '@khuyencong/domain';
import { Authenticated } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { ETAG_VERSION } from '../common/openapi-contract.js';
import { ValidHeader, checkBodyType, openApi, zodPipe } from '../common/zod.js';
import { EntryCommandBody } from './command-bodies.js';
import { CommandPipeline } from './command-pipeline.js';
import { replayed } from './idempotent-request.js';
import { ChainResponse, CommandBody, CommandParams, CommandResponse, HistoryResponse, IdempotencyKey, IfMatch, InstanceIdParam, InstanceView } from './dto.js';
import { InstancesService } from './instances.service.js';

@ApiTags('workflow')
@ApiParam({ name: 'id', description: 'Instance id (UUID)', schema: { type: 'string', format: 'uuid' } })
@Controller('instances')
export class InstancesController {
  constructor(
    private readonly commands: CommandPipeline,
    private readonly instances: InstancesService,
  ) {}

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(InstanceView), headers: { ETag: ETAG_VERSION } })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  async get(
    @Param(zodPipe(InstanceIdParam)) params: { id: string },
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InstanceView> {
    const view = await this.instances.get(actor, params.id);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/history')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(HistoryResponse) })
  history(@Param(zodPipe(InstanceIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<HistoryResponse> {
    return this.instances.history(actor, params.id);
  }

  @Get(':id/chain')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(ChainResponse), description: 'Recomputes the hash chain of the instance’s events' })
  chain(@Param(zodPipe(InstanceIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<ChainResponse> {
    return this.instances.verifyChain(actor, params.id);
  }

  @Post(':id/commands/:type')
  @ApiParam({ name: 'type', description: 'Action name, e.g. submit, accept, return, score, vote', schema: { type: 'string' } })
  @Authenticated()
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Same key, same body → the first response is replayed' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiBody({
    schema: openApi(EntryCommandBody),
    description: 'One schema per command type with its payload (`type` may be left out; when sent it must be the path’s)',
  })
  @ApiOkResponse({
    schema: openApi(CommandResponse),
    headers: {
      ETag: ETAG_VERSION,
      'Idempotent-Replayed': {
        description: '`true` when this is the stored answer of an earlier request with the same key',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiConflictResponse({ description: 'Stale version, or the key was used with a different body' })
  // A domain rule refused the command (`code` is the engine’s), or the action has its own endpoint (USE_DEDICATED_ENDPOINT names it).
  @Refuses({ 422: ['USE_DEDICATED_ENDPOINT'] })
  async command(
    @Param(zodPipe(CommandParams)) params: { id: string; type: string },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) idempotencyKey: string,
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) expectedVersion: number,
    @Body(zodPipe(CommandBody)) body: CommandBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    checkBodyType(params.type, body.type);
    const result = await this.commands.execute(
      actor,
      {
        instanceId: params.id,
        type: params.type,
        expectedVersion,
        idempotencyKey,
        payload: (body.payload ?? {}) as JsonObject,
        sent: { route: 'POST /api/instances/{id}/commands/{type}', params, ifMatch: expectedVersion, body },
      },
      'generic',
    );
    res.setHeader('ETag', `"${result.body.instance.version}"`);
    return replayed(res, result);
  }
}
