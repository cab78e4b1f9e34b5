import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import {
  ConsultingQuery,
  ConsultingResponse,
  ExportIdParam,
  ExportRequest,
  ExportView,
  PlanActualQuery,
  PlanActualResponse,
  RecognitionQuery,
  RecognitionResponse,
  ReconciliationQuery,
  ReconciliationResponse,
  RegionSummaryQuery,
  RegionSummaryResponse,
} from './dto.js';
import { ExportsService } from './exports.service.js';
import { ApiQueryOf } from './openapi-query.js';
import { ReportsService } from './reports.service.js';

/**
 * Officers, signers and admins read the conference figures, each only over the scope of their grants of these
 * roles (docs/report-access.md): another province → 403, roll-ups filtered to the caller's provinces, regional
 * summaries for national or region scopes.
 */
const READERS = ['provincial_officer', 'central_officer', 'signer', 'admin'] as const;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ExportsService,
  ) {}

  @Get('plan-vs-actual')
  @Roles(...READERS)
  @ApiQueryOf(PlanActualQuery)
  @ApiOkResponse({
    schema: openApi(PlanActualResponse),
    description: 'Plan vs actual by region, province, source or content group; `until` gives a period-to-date',
  })
  planVsActual(@Query(zodPipe(PlanActualQuery)) query: PlanActualQuery, @CurrentActor() actor: Actor): Promise<PlanActualResponse> {
    return this.reports.planVsActual(actor, query);
  }

  @Get('region-summary')
  @Roles(...READERS)
  @ApiQueryOf(RegionSummaryQuery)
  @ApiOkResponse({
    schema: openApi(RegionSummaryResponse),
    description: 'A region per source with its nationwide share, the change against the same period last year, and the paragraph',
  })
  @ApiNotFoundResponse({ description: 'Unknown region' })
  @Refuses({ 404: ['NOT_FOUND'] })
  regionSummary(@Query(zodPipe(RegionSummaryQuery)) query: RegionSummaryQuery, @CurrentActor() actor: Actor): Promise<RegionSummaryResponse> {
    return this.reports.regionSummary(actor, query);
  }

  @Get('consulting')
  @Roles(...READERS)
  @ApiQueryOf(ConsultingQuery)
  @ApiOkResponse({ schema: openApi(ConsultingResponse), description: 'Consulting revenue of the provincial centres vs their yearly plans' })
  consulting(@Query(zodPipe(ConsultingQuery)) query: ConsultingQuery, @CurrentActor() actor: Actor): Promise<ConsultingResponse> {
    return this.reports.consulting(actor, query);
  }

  @Get('recognition')
  @Roles(...READERS)
  @ApiQueryOf(RecognitionQuery)
  @ApiOkResponse({ schema: openApi(RecognitionResponse), description: 'Recognised products and establishments per round' })
  recognition(@Query(zodPipe(RecognitionQuery)) query: RecognitionQuery, @CurrentActor() actor: Actor): Promise<RecognitionResponse> {
    return this.reports.recognition(actor, query);
  }

  @Get('reconciliation')
  @Roles(...READERS)
  @ApiQueryOf(ReconciliationQuery)
  @ApiOkResponse({
    schema: openApi(ReconciliationResponse),
    description: 'Where a total differs from the sum of its lines (rounding, published figures, adjusted plans)',
  })
  @ApiNotFoundResponse({ description: 'Unknown region' })
  @Refuses({ 404: ['NOT_FOUND'] })
  reconciliation(@Query(zodPipe(ReconciliationQuery)) query: ReconciliationQuery, @CurrentActor() actor: Actor): Promise<ReconciliationResponse> {
    return this.reports.reconciliation(actor, query);
  }

  @Post('exports')
  @Roles(...READERS)
  @HttpCode(202)
  @ApiBody({ schema: openApi(ExportRequest) })
  @ApiAcceptedResponse({ schema: openApi(ExportView), description: 'Queued; the worker builds the .xlsx and reports progress' })
  requestExport(@Body(zodPipe(ExportRequest)) body: ExportRequest, @CurrentActor() actor: Actor): Promise<ExportView> {
    return this.exports.request(actor, body);
  }

  @Get('exports/:id')
  @Roles(...READERS)
  @ApiOkResponse({ schema: openApi(ExportView), description: 'Progress 0–100 and, once done, the download link' })
  @ApiNotFoundResponse({ description: 'Unknown, or requested by someone else' })
  getExport(@Param(zodPipe(ExportIdParam)) params: { id: string }, @CurrentActor() actor: Actor): Promise<ExportView> {
    return this.exports.get(actor, params.id);
  }
}
