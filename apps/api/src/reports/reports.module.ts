import { Module } from '@nestjs/common';
import { ExportsService } from './exports.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The conference reports (DESIGN.md §5) and their `.xlsx` export requests. */
@Module({ controllers: [ReportsController], providers: [ReportsService, ExportsService] })
export class ReportsModule {}
