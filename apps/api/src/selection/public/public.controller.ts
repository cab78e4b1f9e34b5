import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { type Request } from 'express';
import { Public } from '../../common/access.js';
import { Refuses } from '../../common/error-answers.js';
import { openApi, zodPipe } from '../../common/zod.js';
import { PublicProductPage, PublicProductQuery, PublicRegistration, PublicRegistrationBody, PublicRoundList, PublicRoundQuery } from './dto.js';
import { PublicCatalogueService } from './public-catalogue.service.js';
import { RegistrationService } from './registration.service.js';

/** The public pages of the admin app (open rounds, the catalogue, self-registration): no sign-in, rate-limited per address. */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(
    private readonly catalogue: PublicCatalogueService,
    private readonly registrations: RegistrationService,
  ) {}

  @Get('rounds')
  @Public()
  @ApiOkResponse({ schema: openApi(PublicRoundList), description: 'Open rounds whose registration has not closed (upcoming ones too), soonest closing first' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address in a minute' })
  rounds(@Query(zodPipe(PublicRoundQuery)) query: PublicRoundQuery, @Req() request: Request): Promise<PublicRoundList> {
    return this.catalogue.rounds(query, request.ip ?? 'unknown');
  }

  @Get('products')
  @Public()
  @ApiOkResponse({ schema: openApi(PublicProductPage), description: 'Recognised products whose certificate is in force, newest first' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address in a minute' })
  products(@Query(zodPipe(PublicProductQuery)) query: PublicProductQuery, @Req() request: Request): Promise<PublicProductPage> {
    return this.catalogue.products(query, request.ip ?? 'unknown');
  }

  @Post('registrations')
  @Public()
  @ApiCreatedResponse({
    schema: openApi(PublicRegistration),
    description: 'Account, unverified establishment and applicant grant, in one transaction; sign in at /login next',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address in a minute' })
  // EMAIL_TAKEN: an account has this e-mail (nothing is written); ALREADY_REGISTERED, TAX_CODE_EXISTS: the tax code is registered.
  @Refuses({ 409: ['EMAIL_TAKEN', 'ALREADY_REGISTERED', 'TAX_CODE_EXISTS'], 422: ['UNKNOWN_UNIT'] })
  register(@Body(zodPipe(PublicRegistrationBody)) body: PublicRegistrationBody, @Req() request: Request): Promise<PublicRegistration> {
    return this.registrations.register(body, request.ip ?? 'unknown');
  }
}
