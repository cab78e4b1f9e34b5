import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import { AdjustmentBody, PlanIdParam, PlanListQuery, PlanListResponse, PlanView } from './dto.js';
import { PlansService } from './plans.service.js';

const PLANNERS = ['provincial_officer', 'central_officer', 'signer', 'admin'] as const;

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Roles(...PLANNERS)
  @ApiQueryOf(PlanListQuery)
  @ApiOkResponse({ schema: openApi(PlanListResponse) })
  list(@Query(zodPipe(PlanListQuery)) query: PlanListQuery, @CurrentActor() actor: Actor): Promise<PlanListResponse> {
    return this.plans.list(actor, query);
  }

  @Get(':id')
  @Roles(...PLANNERS)
  @ApiOkResponse({ schema: openApi(PlanView), description: 'The plan with every version' })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s provinces' })
  get(@Param(zodPipe(PlanIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<PlanView> {
    return this.plans.get(actor, params.id);
  }

  @Post(':id/adjustments')
  @Roles(...PLANNERS)
  @ApiBody({ schema: openApi(AdjustmentBody) })
  @ApiCreatedResponse({ schema: openApi(PlanView), description: 'The adjustment as a new version' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: national funds are adjusted by the Cục, a local plan by its province' })
  // PLAN_VERSION_CHANGED: another version landed after `expectedVersion`; PLAN_UNCHANGED: the new amount equals the current one.
  @Refuses({ 409: ['PLAN_VERSION_CHANGED'], 422: ['PLAN_UNCHANGED'] })
  adjust(
    @Param(zodPipe(PlanIdParam)) params: { id: string },
    @Body(zodPipe(AdjustmentBody)) body: AdjustmentBody,
    @CurrentActor() actor: Actor,
  ): Promise<PlanView> {
    return this.plans.adjust(actor, params.id, body);
  }
}
