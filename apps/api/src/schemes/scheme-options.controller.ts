import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf } from '../reports/openapi-query.js';
import { SchemeIdParam } from './dto.js';
import { ImplementingUnits, ImplementingUnitsQuery, SchemePeople, SchemePeopleQuery, SchemeRules, SchemeRulesQuery } from './options-dto.js';
import { SchemeOptionsService } from './scheme-options.service.js';

/** Choices for the scheme form and the scheme's stage actions: units, rules and council people, by name. Registered before `schemes/:id`. */
@ApiTags('schemes')
@Controller('schemes')
export class SchemeOptionsController {
  constructor(private readonly options: SchemeOptionsService) {}

  @Get('implementing-units')
  @Roles('provincial_officer')
  @ApiQueryOf(ImplementingUnitsQuery)
  @ApiOkResponse({ schema: openApi(ImplementingUnits), description: 'The province’s khuyến công centre and department, by name' })
  @ApiNotFoundResponse({ description: 'A province the caller is not officer of' })
  implementingUnits(@Query(zodPipe(ImplementingUnitsQuery)) query: ImplementingUnitsQuery, @CurrentActor() actor: Actor): Promise<ImplementingUnits> {
    return this.options.implementingUnits(actor, query.provinceCode);
  }

  @Get('rules')
  @Roles('provincial_officer', 'signer', 'central_officer', 'admin')
  @ApiQueryOf(SchemeRulesQuery)
  @ApiOkResponse({ schema: openApi(SchemeRules), description: 'Support caps, advance rules and the registration deadline in force on the scheme’s date' })
  @ApiNotFoundResponse({ description: 'A province outside the caller’s grants' })
  rules(@Query(zodPipe(SchemeRulesQuery)) query: SchemeRulesQuery, @CurrentActor() actor: Actor): Promise<SchemeRules> {
    return this.options.rules(actor, query);
  }

  @Get(':id/eligible-people')
  @Roles('provincial_officer')
  @ApiQueryOf(SchemePeopleQuery)
  @ApiOkResponse({ schema: openApi(SchemePeople), description: 'Active holders of the council role whose grant covers the scheme, at most 50, by name' })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  people(
    @Param(zodPipe(SchemeIdParam)) params: { id: string },
    @Query(zodPipe(SchemePeopleQuery)) query: SchemePeopleQuery,
    @CurrentActor() actor: Actor,
  ): Promise<SchemePeople> {
    return this.options.people(actor, params.id, query);
  }
}
