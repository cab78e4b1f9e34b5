import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { type Request } from 'express';
import { Public } from '../../common/access.js';
import { openApi, zodPipe } from '../../common/zod.js';
import { CertificateNumberParam, PublicCertificate } from '../certificates/dto.js';
import { VerificationService } from './verification.service.js';

/** What the QR code's page (`/verify/:number` in the admin app) reads. */
@ApiTags('public')
@Controller('public/certificates')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get(':number')
  @Public()
  @ApiOkResponse({ schema: openApi(PublicCertificate), description: 'Product, establishment, level, validity and status' })
  @ApiNotFoundResponse({ description: 'No certificate with this number' })
  @ApiTooManyRequestsResponse({ description: 'Too many look-ups from this address in a minute' })
  verify(@Param(zodPipe(CertificateNumberParam)) params: { number: string }, @Req() request: Request): Promise<PublicCertificate> {
    return this.verification.verify(params.number, request.ip ?? 'unknown');
  }
}
