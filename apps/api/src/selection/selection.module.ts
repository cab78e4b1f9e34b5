import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates/certificates.controller.js';
import { CertificatesService } from './certificates/certificates.service.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { DecisionsService } from './decisions/decisions.service.js';
import { NominationsService } from './decisions/nominations.service.js';
import { EntriesController } from './entries/entries.controller.js';
import { EntriesService } from './entries/entries.service.js';
import { EstablishmentsController } from './establishments/establishments.controller.js';
import { EstablishmentsService } from './establishments/establishments.service.js';
import { PublicController } from './public/public.controller.js';
import { PublicCatalogueService } from './public/public-catalogue.service.js';
import { RegistrationService } from './public/registration.service.js';
import { RoundsController } from './rounds/rounds.controller.js';
import { RoundsService } from './rounds/rounds.service.js';
import { VerificationController } from './verification/verification.controller.js';
import { VerificationService } from './verification/verification.service.js';
import { PublicRateLimiter } from './shared/rate-limiter.js';

/**
 * Typical rural industrial product selection (DESIGN.md §4): establishments, rounds, entries and dossiers,
 * juries and councils per round, the round's recognition decision with its certificates, nominations to the
 * next level, revocation, the public certificate check, open rounds and the catalogue of recognised products. Entry actions (accept, return, score, vote, …) go
 * through the generic command endpoint of the workflow module.
 */
@Module({
  controllers: [
    EstablishmentsController,
    RoundsController,
    EntriesController,
    DecisionsController,
    CertificatesController,
    VerificationController,
    PublicController,
  ],
  providers: [
    EstablishmentsService,
    RoundsService,
    EntriesService,
    DecisionsService,
    NominationsService,
    CertificatesService,
    VerificationService,
    PublicCatalogueService,
    RegistrationService,
    PublicRateLimiter,
  ],
})
export class SelectionModule {}
