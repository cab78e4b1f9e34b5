import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import {
  ConsultingPlanBody,
  ConsultingPlanParams,
  ConsultingPlanView,
  CreateEngagementBody,
  EngagementIdParam,
  EngagementListQuery,
  EngagementListResponse,
  EngagementView,
  RevenueBody,
} from './dto.js';
import { ConsultingService } from './consulting.service.js';

const STAFF = ['provincial_officer', 'central_officer', 'admin'] as const;

@ApiTags('consulting')
@Controller('consulting')
export class ConsultingController {
  constructor(private readonly consulting: ConsultingService) {}

  @Post('engagements')
  @Roles('provincial_officer', 'admin')
  @ApiBody({ schema: openApi(CreateEngagementBody) })
  @ApiCreatedResponse({ schema: openApi(EngagementView) })
  @Refuses({ 422: ['UNKNOWN_PROVINCE'] })
  create(@Body(zodPipe(CreateEngagementBody)) body: CreateEngagementBody, @CurrentActor() actor: Actor): Promise<EngagementView> {
    return this.consulting.create(actor, body);
  }

  @Get('engagements')
  @Roles(...STAFF)
  @ApiQueryOf(EngagementListQuery)
  @ApiOkResponse({ schema: openApi(EngagementListResponse) })
  list(@Query(zodPipe(EngagementListQuery)) query: EngagementListQuery, @CurrentActor() actor: Actor): Promise<EngagementListResponse> {
    return this.consulting.list(actor, query);
  }

  @Get('engagements/:id')
  @Roles(...STAFF)
  @ApiOkResponse({ schema: openApi(EngagementView) })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s provinces' })
  get(@Param(zodPipe(EngagementIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<EngagementView> {
    return this.consulting.get(actor, params.id);
  }

  @Post('engagements/:id/revenues')
  @Roles('provincial_officer', 'admin')
  @HttpCode(200)
  @ApiBody({ schema: openApi(RevenueBody) })
  @ApiOkResponse({ schema: openApi(EngagementView), description: 'One month’s revenue recorded; a month recorded already is replaced by the new amount' })
  @Refuses({ 422: ['REVENUE_ABOVE_CONTRACT', 'REVENUE_BEFORE_SIGNING'] })
  recordRevenue(
    @Param(zodPipe(EngagementIdParam)) params: { id: string },
    @Body(zodPipe(RevenueBody)) body: RevenueBody,
    @CurrentActor() actor: Actor,
  ): Promise<EngagementView> {
    return this.consulting.recordRevenue(actor, params.id, body);
  }

  @Get('plans/:provinceCode/:year')
  @Roles(...STAFF)
  @ApiOkResponse({ schema: openApi(ConsultingPlanView), description: 'The yearly plan (null when unset) and the revenue recorded for that year' })
  @ApiNotFoundResponse({ description: 'Outside the caller’s provinces' })
  @ApiUnprocessableEntityResponse({ description: 'No such province' })
  @Refuses({ 422: ['UNKNOWN_PROVINCE'] })
  plan(@Param(zodPipe(ConsultingPlanParams)) params: { provinceCode: string; year: number }, @CurrentActor() actor: Actor): Promise<ConsultingPlanView> {
    return this.consulting.plan(actor, params.provinceCode, params.year);
  }

  @Put('plans/:provinceCode/:year')
  @Roles('provincial_officer', 'central_officer', 'admin')
  @ApiBody({ schema: openApi(ConsultingPlanBody) })
  @ApiOkResponse({ schema: openApi(ConsultingPlanView), description: 'The yearly consulting revenue plan of a province’s centre' })
  @Refuses({ 422: ['UNKNOWN_PROVINCE'] })
  setPlan(
    @Param(zodPipe(ConsultingPlanParams)) params: { provinceCode: string; year: number },
    @Body(zodPipe(ConsultingPlanBody)) body: ConsultingPlanBody,
    @CurrentActor() actor: Actor,
  ): Promise<ConsultingPlanView> {
    return this.consulting.setPlan(actor, params.provinceCode, params.year, body);
  }
}
