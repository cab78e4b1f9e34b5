import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type Response } from 'express';
import { Public } from '../common/access.js';
import { MetricsScrapeGuard } from './metrics-scrape.guard.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format. Protected by MetricsScrapeGuard: the METRICS_TOKEN bearer or an admin session. */
  @Get()
  @Public()
  @UseGuards(MetricsScrapeGuard)
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({ description: 'No token, or neither METRICS_TOKEN nor a valid session' })
  @ApiForbiddenResponse({ description: 'A session without the admin role' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return text;
  }
}
