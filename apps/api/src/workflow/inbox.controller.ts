import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiQueryOf, openApiInput } from '../admin/openapi.js';
import { Authenticated } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { InboxClaimsService } from './inbox-claims.service.js';
import { ClaimResponse, EligibleAssignees, InboxQuery, InboxResponse, ReassignBody, TaskIdParam } from './inbox.dto.js';
import { InboxService } from './inbox.service.js';

const NOT_FOUND = 'No such open task, or outside the caller’s scopes (the task ends when the instance moves on)';
const NOT_CLAIMABLE = 'TASK_NOT_CLAIMABLE: the task is addressed to one person already (a judge, a council member) or is an applicant’s own work';

@ApiTags('workflow')
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly claims: InboxClaimsService,
  ) {}

  @Get()
  @Authenticated()
  @ApiQueryOf(InboxQuery)
  @ApiOkResponse({
    schema: openApi(InboxResponse),
    description: 'Soonest deadline first; pass nextCursor for the next page. With q, kind, claim, sort or page: a sorted page with total',
  })
  list(@Query(zodPipe(InboxQuery)) query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxResponse> {
    return this.inbox.list(actor, query);
  }

  @Post(':taskId/claim')
  @Authenticated()
  @HttpCode(200)
  @ApiParam({ name: 'taskId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: openApi(ClaimResponse), description: 'Claimed (again, if it was already mine). Advisory: it does not restrict who may act' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: not of the task’s role and scope; FOUR_EYES: the caller submitted the dossier' })
  @ApiUnprocessableEntityResponse({ description: NOT_CLAIMABLE })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  // ALREADY_CLAIMED: someone else holds it (details.claimedBy names them).
  @Refuses({ 403: ['FOUR_EYES'], 409: ['ALREADY_CLAIMED'], 422: ['TASK_NOT_CLAIMABLE'] })
  claim(@Param(zodPipe(TaskIdParam)) params: { taskId: string }, @CurrentActor() actor: Actor, @RequestId() requestId?: string): Promise<ClaimResponse> {
    return this.claims.claim(actor, params.taskId, requestId);
  }

  @Post(':taskId/release')
  @Authenticated()
  @HttpCode(200)
  @ApiParam({ name: 'taskId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: openApi(ClaimResponse), description: 'Unclaimed (also when nobody held it)' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: neither the claimant nor an officer of the task’s role and scope' })
  @ApiUnprocessableEntityResponse({ description: NOT_CLAIMABLE })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @Refuses({ 422: ['TASK_NOT_CLAIMABLE'] })
  release(@Param(zodPipe(TaskIdParam)) params: { taskId: string }, @CurrentActor() actor: Actor, @RequestId() requestId?: string): Promise<ClaimResponse> {
    return this.claims.release(actor, params.taskId, requestId);
  }

  @Post(':taskId/reassign')
  @Authenticated()
  @HttpCode(200)
  @ApiParam({ name: 'taskId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: openApiInput(ReassignBody) })
  @ApiOkResponse({ schema: openApi(ClaimResponse), description: 'Claimed for the person chosen' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: the caller is not of the task’s role and scope' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  // ASSIGNEE_NOT_ELIGIBLE: the person is not of the task’s role and scope (or submitted the dossier); TASK_NOT_CLAIMABLE as for a claim.
  @Refuses({ 422: ['ASSIGNEE_NOT_ELIGIBLE', 'TASK_NOT_CLAIMABLE'] })
  reassign(
    @Param(zodPipe(TaskIdParam)) params: { taskId: string },
    @Body(zodPipe(ReassignBody)) body: ReassignBody,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<ClaimResponse> {
    return this.claims.reassign(actor, params.taskId, body.toUserId, requestId);
  }

  @Get(':taskId/eligible-assignees')
  @Authenticated()
  @ApiParam({ name: 'taskId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: openApi(EligibleAssignees), description: 'People of the task’s role whose grants cover it, by name (at most 200)' })
  @ApiForbiddenResponse({ description: 'NOT_ALLOWED: the caller is not of the task’s role and scope' })
  @ApiUnprocessableEntityResponse({ description: NOT_CLAIMABLE })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @Refuses({ 422: ['TASK_NOT_CLAIMABLE'] })
  eligibleAssignees(@Param(zodPipe(TaskIdParam)) params: { taskId: string }, @CurrentActor() actor: Actor): Promise<EligibleAssignees> {
    return this.claims.eligibleAssignees(actor, params.taskId);
  }
}
