import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf, openApiInput } from './openapi.js';
import { OnDateQuery } from './dto/common.js';
import { ContentGroup, ContentGroupsQuery, CriteriaSet, Province, ProvinceCode, Region, RegionMemberships, RegionMembershipsQuery, SetRegionMembershipRequest, SetRegionMembershipResponse, SupportRule, SupportRulesQuery, UpdateSupportRuleRequest } from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';

const SupportRuleCode = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'Mã quy định không hợp lệ / not a support rule code');

@ApiTags('admin')
@Controller('admin/reference')
@Roles('admin')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('provinces')
  @ApiQueryOf(OnDateQuery)
  @ApiOkResponse({ schema: openApi(Province.array()) })
  provinces(@Query(zodPipe(OnDateQuery)) query: OnDateQuery): Promise<Province[]> {
    return this.reference.provinces(query.on);
  }

  @Get('regions')
  @ApiQueryOf(OnDateQuery)
  @ApiOkResponse({ schema: openApi(Region.array()) })
  regions(@Query(zodPipe(OnDateQuery)) query: OnDateQuery): Promise<Region[]> {
    return this.reference.regions(query.on);
  }

  @Get('region-memberships')
  @ApiQueryOf(RegionMembershipsQuery)
  @ApiOkResponse({ schema: openApi(RegionMemberships) })
  regionMemberships(@Query(zodPipe(RegionMembershipsQuery)) query: RegionMembershipsQuery): Promise<RegionMemberships> {
    return this.reference.regionMemberships(query.date);
  }

  @Put('region-memberships/:provinceCode')
  @ApiBody({ schema: openApiInput(SetRegionMembershipRequest) })
  @ApiOkResponse({ schema: openApi(SetRegionMembershipResponse) })
  setRegionMembership(
    @Param('provinceCode', zodPipe(ProvinceCode)) provinceCode: string,
    @Body(zodPipe(SetRegionMembershipRequest)) body: SetRegionMembershipRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<SetRegionMembershipResponse> {
    return this.reference.setRegionMembership(actor, provinceCode, body, requestId);
  }

  @Get('content-groups')
  @ApiQueryOf(ContentGroupsQuery)
  @ApiOkResponse({ schema: openApi(ContentGroup.array()) })
  contentGroups(@Query(zodPipe(ContentGroupsQuery)) query: ContentGroupsQuery): Promise<ContentGroup[]> {
    return this.reference.contentGroups(query);
  }

  @Get('support-rules')
  @ApiQueryOf(SupportRulesQuery)
  @ApiOkResponse({ schema: openApi(SupportRule.array()) })
  supportRules(@Query(zodPipe(SupportRulesQuery)) query: SupportRulesQuery): Promise<SupportRule[]> {
    return this.reference.supportRules(query);
  }

  @Patch('support-rules/:code')
  @ApiBody({ schema: openApiInput(UpdateSupportRuleRequest) })
  @ApiOkResponse({ schema: openApi(SupportRule) })
  @ApiNotFoundResponse({ description: 'No such support rule' })
  updateSupportRule(
    @Param('code', zodPipe(SupportRuleCode)) code: string,
    @Body(zodPipe(UpdateSupportRuleRequest)) body: UpdateSupportRuleRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<SupportRule> {
    return this.reference.updateSupportRule(actor, code, body, requestId);
  }

  @Get('criteria-sets')
  @ApiOkResponse({ schema: openApi(CriteriaSet.array()) })
  criteriaSets(): Promise<CriteriaSet[]> {
    return this.reference.criteriaSets();
  }
}
