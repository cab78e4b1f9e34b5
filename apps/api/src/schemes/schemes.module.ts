import { Module } from '@nestjs/common';
import { SchemeCommandsService } from './scheme-commands.service.js';
import { SchemeDocumentsService } from './scheme-documents.service.js';
import { SchemeOptionsController } from './scheme-options.controller.js';
import { SchemeOptionsService } from './scheme-options.service.js';
import { SchemesController } from './schemes.controller.js';
import { SchemesService } from './schemes.service.js';

/** Khuyến công schemes (DESIGN.md §5): registration, appraisals, plan, contract, money, changes, acceptance, settlement. */
// The options controller comes first: its fixed paths (`schemes/rules`, …) must be routed before `schemes/:id`.
@Module({
  controllers: [SchemeOptionsController, SchemesController],
  providers: [SchemesService, SchemeCommandsService, SchemeDocumentsService, SchemeOptionsService],
  exports: [SchemesService],
})
export class SchemesModule {}
