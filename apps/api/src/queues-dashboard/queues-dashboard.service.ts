import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type Express, type RequestHandler } from 'express';
import { type ApiConfig } from '@khuyencong/config';
import { SessionService } from '../auth/session.service.js';
import { API_CONFIG } from '../config.js';
import { QueueHandles } from '../metrics/queue-handles.js';
import { QUEUES_SESSION_COOKIE, adminSessionMiddleware } from './admin-session.middleware.js';

/** Where bull-board is served; outside Nest's router, behind adminSessionMiddleware. */
export const QUEUES_DASHBOARD_PATH = '/api/admin/queues';

@Injectable()
export class QueuesDashboardService implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueHandles,
    private readonly sessions: SessionService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Runs after Nest registered its routes and before its 404 handler, so the mount is reachable. */
  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter.getInstance<Express>();
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUES_DASHBOARD_PATH);
    createBullBoard({ queues: [...this.queues.all().values()].map((queue) => new BullMQAdapter(queue)), serverAdapter });
    // bull-board types its router as `any`; it is the adapter's Express sub-application.
    const dashboard = serverAdapter.getRouter() as RequestHandler;
    express.use(QUEUES_DASHBOARD_PATH, adminSessionMiddleware(this.sessions), dashboard);
  }

  sessionCookie(authorization: string | undefined): string {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const secure = this.config.NODE_ENV === 'production' ? '; Secure' : '';
    return `${QUEUES_SESSION_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUES_DASHBOARD_PATH}; Max-Age=${this.config.ACCESS_TOKEN_TTL_SECONDS}; HttpOnly; SameSite=Strict${secure}`;
  }
}
