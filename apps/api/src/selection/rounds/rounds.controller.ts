import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { Refuses } from '../../common/error-answers.js';
import { openApi, zodPipe } from '../../common/zod.js';
import { ApiOptionalIdempotencyKey, OptionalIdempotencyKey, replayed } from '../../workflow/idempotent-request.js';
import {
  AssignmentResult,
  CouncilBody,
  CreateRoundBody,
  EligiblePeople,
  EligiblePeopleQuery,
  JuryBody,
  RoundIdParam,
  RoundList,
  RoundListQuery,
  RoundResults,
  RoundStatusBody,
  RoundView,
} from './dto.js';
import { RoundsService } from './rounds.service.js';

@ApiTags('selection')
@Controller('rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @Roles('commune_officer', 'provincial_officer', 'central_officer')
  @ApiCreatedResponse({ schema: openApi(RoundView) })
  @Refuses({ 409: ['ROUND_EXISTS'], 422: ['SCOPE_REQUIRED', 'UNKNOWN_UNIT'] })
  create(@Body(zodPipe(CreateRoundBody)) body: CreateRoundBody, @CurrentActor() actor: Actor): Promise<RoundView> {
    return this.rounds.create(actor, body);
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ schema: openApi(RoundList) })
  list(@Query(zodPipe(RoundListQuery)) query: RoundListQuery, @CurrentActor() actor: Actor): Promise<RoundList> {
    return this.rounds.list(actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(RoundView) })
  get(@Param(zodPipe(RoundIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<RoundView> {
    return this.rounds.get(actor, params.id);
  }

  @Get(':id/eligible-people')
  @Roles('commune_officer', 'provincial_officer', 'central_officer')
  @ApiOkResponse({ schema: openApi(EligiblePeople), description: 'Active holders of the role whose grant covers the round’s area, at most 50, by name' })
  @ApiNotFoundResponse({ description: 'Missing, or neither organised by the caller nor in the caller’s area' })
  eligiblePeople(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Query(zodPipe(EligiblePeopleQuery)) query: EligiblePeopleQuery,
    @CurrentActor() actor: Actor,
  ): Promise<EligiblePeople> {
    return this.rounds.eligiblePeople(actor, params.id, query);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('commune_officer', 'provincial_officer', 'central_officer')
  @ApiOkResponse({ schema: openApi(RoundView) })
  @Refuses({ 409: ['ROUND_STATUS'] })
  status(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Body(zodPipe(RoundStatusBody)) body: RoundStatusBody,
    @CurrentActor() actor: Actor,
  ): Promise<RoundView> {
    return this.rounds.changeStatus(actor, params.id, body);
  }

  @Put(':id/jury')
  @Roles('commune_officer', 'provincial_officer', 'central_officer')
  @ApiOkResponse({ schema: openApi(AssignmentResult), description: 'Judges set; entries waiting in scoring without judges get them' })
  @ApiOptionalIdempotencyKey('acting twice')
  @Refuses({ 422: ['NOT_A_JUDGE_OR_MEMBER'] })
  async jury(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Body(zodPipe(JuryBody)) body: JuryBody,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentResult> {
    return replayed(res, await this.rounds.setJury(actor, params.id, body, key));
  }

  @Put(':id/council')
  @Roles('commune_officer', 'provincial_officer', 'central_officer')
  @ApiOkResponse({ schema: openApi(AssignmentResult), description: 'Council set; entries waiting in council review without one get it' })
  @ApiOptionalIdempotencyKey('acting twice')
  @Refuses({ 422: ['CHAIR_NOT_MEMBER', 'NOT_A_JUDGE_OR_MEMBER'] })
  async council(
    @Param(zodPipe(RoundIdParam)) params: { id: string },
    @Body(zodPipe(CouncilBody)) body: CouncilBody,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentResult> {
    return replayed(res, await this.rounds.setCouncil(actor, params.id, body, key));
  }

  @Get(':id/results')
  @Roles('commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin')
  @ApiOkResponse({ schema: openApi(RoundResults) })
  results(@Param(zodPipe(RoundIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<RoundResults> {
    return this.rounds.results(actor, params.id);
  }
}
