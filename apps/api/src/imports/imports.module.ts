import { Module } from '@nestjs/common';
import { ImportsController, PlanLinesController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { PlanLinesService } from './plan-lines.service.js';

/** Spreadsheet import of establishments, annual plan lines and consulting revenues (issue 14). */
@Module({ controllers: [ImportsController, PlanLinesController], providers: [ImportsService, PlanLinesService] })
export class ImportsModule {}
