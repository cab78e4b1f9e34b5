import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/access.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf } from './openapi.js';
import { OnDateQuery } from './dto/common.js';
import { ContentGroup, ContentGroupsQuery, CriteriaSet, Province, Region, SupportRule, SupportRulesQuery } from './dto/reference.dto.js';
import { ReferenceService } from './reference.service.js';

/**
 * The reference data every signed-in role needs to act, read-only (issue 18): the units in force, the regions, the
 * content groups of the programme, the support rules that cap a scheme's lines and the criteria sets a jury scores
 * on. The administrator changes them under /api/admin/reference (and reads them here, as everyone does).
 */
@ApiTags('reference')
@Controller('reference')
@Authenticated()
export class ReferenceReadController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('provinces')
  @ApiQueryOf(OnDateQuery)
  @ApiOkResponse({ schema: openApi(Province.array()), description: 'The provinces in force on the date (today when not given)' })
  provinces(@Query(zodPipe(OnDateQuery)) query: OnDateQuery): Promise<Province[]> {
    return this.reference.provinces(query.on);
  }

  @Get('regions')
  @ApiQueryOf(OnDateQuery)
  @ApiOkResponse({ schema: openApi(Region.array()) })
  regions(@Query(zodPipe(OnDateQuery)) query: OnDateQuery): Promise<Region[]> {
    return this.reference.regions(query.on);
  }

  @Get('content-groups')
  @ApiQueryOf(ContentGroupsQuery)
  @ApiOkResponse({ schema: openApi(ContentGroup.array()) })
  contentGroups(@Query(zodPipe(ContentGroupsQuery)) query: ContentGroupsQuery): Promise<ContentGroup[]> {
    return this.reference.contentGroups(query);
  }

  @Get('support-rules')
  @ApiQueryOf(SupportRulesQuery)
  @ApiOkResponse({ schema: openApi(SupportRule.array()), description: 'The caps a scheme’s budget lines are checked against, with their legal basis' })
  supportRules(@Query(zodPipe(SupportRulesQuery)) query: SupportRulesQuery): Promise<SupportRule[]> {
    return this.reference.supportRules(query);
  }

  @Get('criteria-sets')
  @ApiOkResponse({ schema: openApi(CriteriaSet.array()), description: 'The criteria groups and maxima a jury scores on' })
  criteriaSets(): Promise<CriteriaSet[]> {
    return this.reference.criteriaSets();
  }
}
