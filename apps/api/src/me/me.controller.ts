import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, openApiInput, zodPipe } from '../common/zod.js';
import { MyPreferences, UpdateMyPreferencesRequest } from './dto.js';
import { MeService } from './me.service.js';

/** What signed-in people set for themselves, whatever their roles. */
@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('preferences')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(MyPreferences) })
  @ApiNotFoundResponse({ description: 'The signed-in account no longer exists' })
  @Refuses({ 404: ['NOT_FOUND'] })
  preferences(@CurrentActor() actor: Actor): Promise<MyPreferences> {
    return this.me.read(actor);
  }

  @Put('preferences')
  @Authenticated()
  @ApiBody({ schema: openApiInput(UpdateMyPreferencesRequest) })
  @ApiOkResponse({ schema: openApi(MyPreferences), description: 'The preferences as saved' })
  @ApiNotFoundResponse({ description: 'The signed-in account no longer exists' })
  @Refuses({ 404: ['NOT_FOUND'] })
  update(@Body(zodPipe(UpdateMyPreferencesRequest)) body: UpdateMyPreferencesRequest, @CurrentActor() actor: Actor): Promise<MyPreferences> {
    return this.me.update(actor, body);
  }
}
