import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf, openApiInput } from './openapi.js';
import { CalendarsService } from './calendars.service.js';
import {
  CalendarCode,
  CalendarDay,
  CalendarSummary,
  CalendarYear,
  CalendarYearQuery,
  CreateCalendarDayRequest,
  UpdateCalendarDayRequest,
} from './dto/calendars.dto.js';
import { IsoDate } from './dto/common.js';

@ApiTags('admin')
@Controller('admin/calendars')
@Roles('admin')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get()
  @ApiOkResponse({ schema: openApi(CalendarSummary.array()) })
  list(): Promise<CalendarSummary[]> {
    return this.calendars.list();
  }

  @Get(':code/days')
  @ApiQueryOf(CalendarYearQuery)
  @ApiOkResponse({ schema: openApi(CalendarYear) })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  year(@Param('code', zodPipe(CalendarCode)) code: string, @Query(zodPipe(CalendarYearQuery)) query: CalendarYearQuery): Promise<CalendarYear> {
    return this.calendars.year(code, query.year);
  }

  @Post(':code/days')
  @ApiBody({ schema: openApiInput(CreateCalendarDayRequest) })
  @ApiCreatedResponse({ schema: openApi(CalendarDay) })
  @Refuses({ 409: ['CALENDAR_DAY_EXISTS'], 422: ['NOT_A_WEEKEND'] })
  add(
    @Param('code', zodPipe(CalendarCode)) code: string,
    @Body(zodPipe(CreateCalendarDayRequest)) body: CreateCalendarDayRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<CalendarDay> {
    return this.calendars.add(actor, code, body, requestId);
  }

  @Put(':code/days/:date')
  @ApiBody({ schema: openApiInput(UpdateCalendarDayRequest) })
  @ApiOkResponse({ schema: openApi(CalendarDay) })
  @ApiNotFoundResponse({ description: 'No such calendar or date' })
  @Refuses({ 422: ['NOT_A_WEEKEND'] })
  update(
    @Param('code', zodPipe(CalendarCode)) code: string,
    @Param('date', zodPipe(IsoDate)) date: string,
    @Body(zodPipe(UpdateCalendarDayRequest)) body: UpdateCalendarDayRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<CalendarDay> {
    return this.calendars.update(actor, code, date, body, requestId);
  }

  @Delete(':code/days/:date')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such calendar or date' })
  remove(
    @Param('code', zodPipe(CalendarCode)) code: string,
    @Param('date', zodPipe(IsoDate)) date: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<void> {
    return this.calendars.remove(actor, code, date, requestId);
  }
}
