import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf } from './openapi.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditPage, AuditQuery } from './dto/audit.dto.js';

@ApiTags('admin')
@Controller('admin/audit')
@Roles('admin')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiQueryOf(AuditQuery)
  @ApiOkResponse({ schema: openApi(AuditPage) })
  list(@Query(zodPipe(AuditQuery)) query: AuditQuery): Promise<AuditPage> {
    return this.auditLog.list(query);
  }
}
