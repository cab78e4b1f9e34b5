import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { Refuses } from '../../common/error-answers.js';
import { ValidHeader, openApi, zodPipe } from '../../common/zod.js';
import { replayed } from '../../workflow/idempotent-request.js';
import { CommandResponse, IdempotencyKey, IfMatch } from '../../workflow/dto.js';
import { CreateEntryBody, Dossier, EntryIdParam, EntryList, EntryListQuery, EntryView, RoundEntriesParam, UpdateEntryBody } from './dto.js';
import { EntriesService } from './entries.service.js';

@ApiTags('selection')
@Controller()
export class EntriesController {
  constructor(private readonly entries: EntriesService) {}

  @Post('rounds/:id/entries')
  @Roles('applicant')
  @ApiCreatedResponse({ schema: openApi(EntryView), description: 'A draft entry of the caller’s establishment' })
  @Refuses({ 409: ['NOMINATION_ONLY', 'ROUND_NOT_OPEN'], 422: ['OUTSIDE_ROUND_SCOPE', 'DOCUMENT_NOT_USABLE', 'PHOTO_NOT_IMAGE'] })
  create(
    @Param(zodPipe(RoundEntriesParam)) params: { id: string },
    @Body(zodPipe(CreateEntryBody)) body: CreateEntryBody,
    @CurrentActor() actor: Actor,
  ): Promise<EntryView> {
    return this.entries.create(actor, params.id, body);
  }

  @Get('entries')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(EntryList) })
  list(@Query(zodPipe(EntryListQuery)) query: EntryListQuery, @CurrentActor() actor: Actor): Promise<EntryList> {
    return this.entries.list(actor, query);
  }

  @Get('entries/:id')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(EntryView) })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  get(@Param(zodPipe(EntryIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<EntryView> {
    return this.entries.get(actor, params.id);
  }

  @Patch('entries/:id')
  @Roles('applicant')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiOkResponse({
    schema: openApi(EntryView),
    description: 'Product name or group corrected by the entry’s applicant, in draft or revision only (409 ENTRY_LOCKED otherwise)',
  })
  @ApiNotFoundResponse({ description: 'Missing, or not an entry of the caller’s establishments' })
  @Refuses({ 409: ['STALE_VERSION', 'ENTRY_LOCKED'] })
  update(
    @Param(zodPipe(EntryIdParam)) params: { id: string },
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) version: number,
    @Body(zodPipe(UpdateEntryBody)) body: UpdateEntryBody,
    @CurrentActor() actor: Actor,
  ): Promise<EntryView> {
    return this.entries.update(actor, params.id, version, body);
  }

  @Put('entries/:id/dossier')
  @Roles('applicant', 'provincial_officer', 'commune_officer')
  @ApiOkResponse({ schema: openApi(EntryView) })
  @Refuses({ 409: ['DOSSIER_LOCKED'], 422: ['DOCUMENT_NOT_USABLE', 'PHOTO_NOT_IMAGE'] })
  dossier(@Param(zodPipe(EntryIdParam)) params: { id: string }, @Body(zodPipe(Dossier)) body: Dossier, @CurrentActor() actor: Actor): Promise<EntryView> {
    return this.entries.updateDossier(actor, params.id, body);
  }

  @Post('entries/:id/submit')
  @HttpCode(200)
  @Roles('applicant', 'provincial_officer', 'commune_officer')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiOkResponse({ schema: openApi(CommandResponse) })
  @Refuses({ 409: ['ESTABLISHMENT_NOT_VERIFIED'] })
  async submit(
    @Param(zodPipe(EntryIdParam)) params: { id: string },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) key: string,
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) version: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return replayed(res, await this.entries.submit(actor, params.id, 'submit', version, key));
  }

  @Post('entries/:id/resubmit')
  @HttpCode(200)
  @Roles('applicant', 'provincial_officer', 'commune_officer')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The instance version the caller saw' })
  @ApiOkResponse({ schema: openApi(CommandResponse) })
  @Refuses({ 409: ['ESTABLISHMENT_NOT_VERIFIED'] })
  async resubmit(
    @Param(zodPipe(EntryIdParam)) params: { id: string },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) key: string,
    @ValidHeader({ name: 'If-Match', schema: IfMatch }) version: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    return replayed(res, await this.entries.submit(actor, params.id, 'resubmit', version, key));
  }
}
