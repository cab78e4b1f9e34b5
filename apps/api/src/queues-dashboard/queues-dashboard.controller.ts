import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { Roles } from '../common/access.js';
import { QueuesDashboardService } from './queues-dashboard.service.js';

@ApiTags('admin')
@Controller('admin/queues-session')
export class QueuesDashboardController {
  constructor(private readonly dashboard: QueuesDashboardService) {}

  /**
   * A browser cannot put a bearer token on a page it navigates to: this copies the caller's access token into an
   * HttpOnly, SameSite=Strict cookie scoped to the dashboard's path, then the admin opens `/api/admin/queues`.
   */
  @Post()
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Cookie set; open /api/admin/queues in the same browser' })
  openSession(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    response.setHeader('Set-Cookie', this.dashboard.sessionCookie(request.headers.authorization));
  }
}
