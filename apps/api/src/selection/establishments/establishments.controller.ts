import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { Refuses } from '../../common/error-answers.js';
import { openApi, zodPipe } from '../../common/zod.js';
import { CreateEstablishmentBody, EstablishmentIdParam, EstablishmentList, EstablishmentListQuery, EstablishmentView } from './dto.js';
import { EstablishmentsService } from './establishments.service.js';

@ApiTags('selection')
@Controller('establishments')
export class EstablishmentsController {
  constructor(private readonly establishments: EstablishmentsService) {}

  @Post()
  @Authenticated()
  @ApiCreatedResponse({
    schema: openApi(EstablishmentView),
    description:
      'Registered (unverified). An officer of its commune or province registers it for someone (applicantEmail, if given, becomes its applicant; 404 USER_NOT_FOUND otherwise); anyone else becomes its applicant',
  })
  @Refuses({ 404: ['USER_NOT_FOUND'], 409: ['ALREADY_REGISTERED', 'TAX_CODE_EXISTS'], 422: ['UNKNOWN_UNIT'] })
  register(@Body(zodPipe(CreateEstablishmentBody)) body: CreateEstablishmentBody, @CurrentActor() actor: Actor): Promise<EstablishmentView> {
    return this.establishments.register(actor, body);
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ schema: openApi(EstablishmentList) })
  list(@Query(zodPipe(EstablishmentListQuery)) query: EstablishmentListQuery, @CurrentActor() actor: Actor): Promise<EstablishmentList> {
    return this.establishments.list(actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(EstablishmentView) })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  get(@Param(zodPipe(EstablishmentIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<EstablishmentView> {
    return this.establishments.get(actor, params.id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('provincial_officer', 'commune_officer')
  @ApiOkResponse({ schema: openApi(EstablishmentView), description: 'Verified by an officer of its commune or province' })
  verify(@Param(zodPipe(EstablishmentIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<EstablishmentView> {
    return this.establishments.verify(actor, params.id);
  }
}
