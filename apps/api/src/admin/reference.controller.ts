import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf, openApiInput } from './openapi.js';
import {
  ProvinceCode,
  RegionMemberships,
  RegionMembershipsQuery,
  SetRegionMembershipRequest,
  SetRegionMembershipResponse,
  SupportRule,
  UpdateSupportRuleRequest,
} from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';

const SupportRuleCode = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'Mã quy định không hợp lệ / not a support rule code');

@ApiTags('admin')
@Controller('admin/reference')
@Roles('admin')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('region-memberships')
  @ApiQueryOf(RegionMembershipsQuery)
  @ApiOkResponse({ schema: openApi(RegionMemberships) })
  regionMemberships(@Query(zodPipe(RegionMembershipsQuery)) query: RegionMembershipsQuery): Promise<RegionMemberships> {
    return this.reference.regionMemberships(query.date);
  }

  @Put('region-memberships/:provinceCode')
  @ApiBody({ schema: openApiInput(SetRegionMembershipRequest) })
  @ApiOkResponse({ schema: openApi(SetRegionMembershipResponse) })
  @Refuses({ 422: ['UNKNOWN_UNIT', 'UNIT_NOT_IN_FORCE', 'UNKNOWN_REGION', 'ALREADY_IN_REGION', 'MEMBERSHIP_BEFORE_CURRENT'] })
  setRegionMembership(
    @Param('provinceCode', zodPipe(ProvinceCode)) provinceCode: string,
    @Body(zodPipe(SetRegionMembershipRequest)) body: SetRegionMembershipRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<SetRegionMembershipResponse> {
    return this.reference.setRegionMembership(actor, provinceCode, body, requestId);
  }

  @Patch('support-rules/:code')
  @ApiBody({ schema: openApiInput(UpdateSupportRuleRequest) })
  @ApiOkResponse({ schema: openApi(SupportRule) })
  @ApiNotFoundResponse({ description: 'No such support rule' })
  @Refuses({ 422: ['INVALID_VALIDITY'] })
  updateSupportRule(
    @Param('code', zodPipe(SupportRuleCode)) code: string,
    @Body(zodPipe(UpdateSupportRuleRequest)) body: UpdateSupportRuleRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<SupportRule> {
    return this.reference.updateSupportRule(actor, code, body, requestId);
  }
}
