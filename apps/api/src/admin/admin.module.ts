import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLogService } from './audit-log.service.js';
import { CalendarsController } from './calendars.controller.js';
import { CalendarsService } from './calendars.service.js';
import { GrantsService } from './grants.service.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceReadController } from './reference-read.controller.js';
import { ReferenceService } from './reference.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** The administration API (`/api/admin/...`, admin role only); every change is audited in its own transaction. */
@Module({
  controllers: [UsersController, CalendarsController, ReferenceController, ReferenceReadController, AuditLogController],
  providers: [UsersService, GrantsService, CalendarsService, ReferenceService, AuditLogService],
})
export class AdminModule {}
