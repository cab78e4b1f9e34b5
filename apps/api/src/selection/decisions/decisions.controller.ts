import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { openApi, zodPipe } from '../../common/zod.js';
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
  @ApiUnprocessableEntityResponse({ description: 'The list was refused as a whole (BATCH_INVALID lists every problem); nothing was written' })
  decide(@Param(zodPipe(RoundIdParam)) params: { id: string }, @Body(zodPipe(DecisionBody)) body: DecisionBody, @CurrentActor() actor: Actor): Promise<DecisionView> {
    return this.decisions.decide(actor, params.id, body);
  }

  @Get(':id/decision')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(DecisionView) })
  get(@Param(zodPipe(RoundIdParam)) params: { id: string }): Promise<DecisionView> {
    return this.decisions.get(params.id);
  }

  @Post(':id/nominations')
  @Roles('provincial_officer', 'commune_officer')
  @ApiCreatedResponse({ schema: openApi(NominationResult), description: 'Draft entries in this (provincial, regional or national) round, one per nominated product; a commune officer nominates its commune round\'s products' })
  nominate(@Param(zodPipe(RoundIdParam)) params: { id: string }, @Body(zodPipe(NominationBody)) body: NominationBody, @CurrentActor() actor: Actor): Promise<NominationResult> {
    return this.nominations.nominate(actor, params.id, body);
  }
}
