import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, Roles } from '../../common/access.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { Refuses } from '../../common/error-answers.js';
import { ValidHeader, openApi, zodPipe } from '../../common/zod.js';
import { replayed } from '../../workflow/idempotent-request.js';
import { IdempotencyKey } from '../../workflow/dto.js';
import { CertificateList, CertificateListQuery, CertificateNumberParam, CertificateView, RevokeBody } from './dto.js';
import { CertificatesService } from './certificates.service.js';

@ApiTags('selection')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ schema: openApi(CertificateList) })
  list(@Query(zodPipe(CertificateListQuery)) query: CertificateListQuery, @CurrentActor() actor: Actor): Promise<CertificateList> {
    return this.certificates.list(actor, query);
  }

  @Get(':number')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(CertificateView) })
  @ApiNotFoundResponse({ description: 'Missing, or outside the caller’s scopes' })
  get(@Param(zodPipe(CertificateNumberParam)) params: { number: string }, @CurrentActor() actor: Actor): Promise<CertificateView> {
    return this.certificates.get(actor, params.number);
  }

  @Get(':number/pdf')
  @Authenticated()
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate as PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiConflictResponse({ description: 'The PDF is still being rendered: retry shortly' })
  @Refuses({ 409: ['PDF_NOT_READY'] })
  async pdf(@Param(zodPipe(CertificateNumberParam)) params: { number: string }, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const content = await this.certificates.pdf(actor, params.number);
    return new StreamableFile(content, { type: 'application/pdf', disposition: `inline; filename="${params.number}.pdf"`, length: content.length });
  }

  @Post(':number/revoke')
  @HttpCode(200)
  @Roles('signer')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ schema: openApi(CertificateView) })
  async revoke(
    @Param(zodPipe(CertificateNumberParam)) params: { number: string },
    @ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey }) key: string,
    @Body(zodPipe(RevokeBody)) body: RevokeBody,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CertificateView> {
    return replayed(res, await this.certificates.revoke(actor, params.number, body, key));
  }
}
