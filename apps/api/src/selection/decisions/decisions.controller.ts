import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { Refuses } from '../../common/error-answers.js';
import { openApi, zodPipe } from '../../common/zod.js';
import { ApiOptionalIdempotencyKey, OptionalIdempotencyKey, replayed } from '../../workflow/idempotent-request.js';
import { DecisionBody, DecisionView, NominationBody, NominationResult, RoundIdParam } from './dto.js';
import { DecisionsService } from './decisions.service.js';
import { NominationsService } from './nominations.service.js';

@ApiTags('selection')
@Controller('rounds')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly nominations: NominationsService,
  ) {}

  @Post(':id/decision')
  @Roles('signer')
  @ApiCreatedResponse({ schema: openApi(DecisionView), description: 'The round’s recognition decision with its certificates' })
  @ApiOptionalIdempotencyKey('acting twice')
  // The list is refused as a whole, nothing written: BATCH_INVALID lists every problem, NOT_IN_ROUND the entries of other rounds.
  @Refuses({ 409: ['DECISION_EXISTS'], 422: ['NOT_IN_ROUND'] })
  async decide(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Body(zodPipe(DecisionBody)) body: DecisionBody,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionView> {
    return replayed(res, await this.decisions.decide(actor, params.id, body, key));
  }

  @Get(':id/decision')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(DecisionView) })
  get(@Param(zodPipe(RoundIdParam)) params: { id: string }): Promise<DecisionView> {
    return this.decisions.get(params.id);
  }

  @Post(':id/nominations')
  @Roles('provincial_officer', 'commune_officer')
  @ApiCreatedResponse({
    schema: openApi(NominationResult),
    description:
      "Draft entries in this (provincial, regional or national) round, one per nominated product; a commune officer nominates its commune round's products",
  })
  @ApiOptionalIdempotencyKey('nominating twice')
  @Refuses({ 409: ['ROUND_NOT_OPEN', 'ALREADY_NOMINATED'], 422: ['NOT_A_NOMINATION_ROUND', 'NOMINATION_INVALID'] })
  async nominate(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Body(zodPipe(NominationBody)) body: NominationBody,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NominationResult> {
    return replayed(res, await this.nominations.nominate(actor, params.id, body, key));
  }
}
