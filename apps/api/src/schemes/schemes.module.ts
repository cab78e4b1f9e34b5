import { Module } from '@nestjs/common';
import { SchemeCommandsService } from './scheme-commands.service.js';
import { SchemesController } from './schemes.controller.js';
import { SchemesService } from './schemes.service.js';

/** Khuyến công schemes (DESIGN.md §5): registration, appraisals, plan, contract, money, changes, acceptance, settlement. */
@Module({ controllers: [SchemesController], providers: [SchemesService, SchemeCommandsService], exports: [SchemesService] })
export class SchemesModule {}
