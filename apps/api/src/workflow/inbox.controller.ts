import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { openApi, zodPipe } from '../common/zod.js';
import { InboxQuery, InboxResponse } from './dto.js';
import { InboxService } from './inbox.service.js';

@ApiTags('workflow')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Authenticated()
  @ApiQuery({ name: 'definition', required: false })
  @ApiQuery({ name: 'stage', required: false })
  @ApiQuery({ name: 'deadline', required: false, enum: ['overdue', 'due_soon', 'on_time', 'none'] })
  @ApiQuery({ name: 'province', required: false })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ schema: openApi(InboxResponse), description: 'Soonest deadline first; pass nextCursor for the next page' })
  list(@Query(zodPipe(InboxQuery)) query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxResponse> {
    return this.inbox.list(actor, query);
  }
}
