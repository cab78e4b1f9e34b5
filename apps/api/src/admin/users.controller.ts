import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { ApiQueryOf, openApiInput } from './openapi.js';
import { Uuid } from './dto/common.js';
import {
  AdminGrant,
  AdminUser,
  AdminUserDetail,
  AdminUserPage,
  CreateGrantRequest,
  CreateUserRequest,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserListQuery,
} from './dto/users.dto.js';
import { GrantsService } from './grants.service.js';
import { UsersService } from './users.service.js';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly grants: GrantsService,
  ) {}

  @Get()
  @ApiQueryOf(UserListQuery)
  @ApiOkResponse({ schema: openApi(AdminUserPage) })
  list(@Query(zodPipe(UserListQuery)) query: UserListQuery): Promise<AdminUserPage> {
    return this.users.list(query);
  }

  @Post()
  @ApiBody({ schema: openApiInput(CreateUserRequest) })
  @ApiCreatedResponse({ schema: openApi(AdminUser) })
  @Refuses({ 409: ['EMAIL_EXISTS'] })
  create(@Body(zodPipe(CreateUserRequest)) body: CreateUserRequest, @CurrentActor() actor: Actor, @RequestId() requestId?: string): Promise<AdminUser> {
    return this.users.create(actor, body, requestId);
  }

  @Get(':id')
  @ApiOkResponse({ schema: openApi(AdminUserDetail) })
  @ApiNotFoundResponse({ description: 'No such user' })
  get(@Param('id', zodPipe(Uuid)) id: string): Promise<AdminUserDetail> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiBody({ schema: openApiInput(UpdateUserRequest) })
  @ApiOkResponse({ schema: openApi(AdminUser) })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Refuses({ 422: ['SELF_LOCKOUT'] })
  update(
    @Param('id', zodPipe(Uuid)) id: string,
    @Body(zodPipe(UpdateUserRequest)) body: UpdateUserRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<AdminUser> {
    return this.users.update(actor, id, body, requestId);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiBody({ schema: openApiInput(ResetPasswordRequest) })
  @ApiNoContentResponse({ description: 'Password set, lock cleared, every session of the user ended' })
  resetPassword(
    @Param('id', zodPipe(Uuid)) id: string,
    @Body(zodPipe(ResetPasswordRequest)) body: ResetPasswordRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<void> {
    return this.users.resetPassword(actor, id, body.password, requestId);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApi(AdminUser) })
  unlock(@Param('id', zodPipe(Uuid)) id: string, @CurrentActor() actor: Actor, @RequestId() requestId?: string): Promise<AdminUser> {
    return this.users.unlock(actor, id, requestId);
  }

  @Get(':id/grants')
  @ApiOkResponse({ schema: openApi(AdminGrant.array()) })
  listGrants(@Param('id', zodPipe(Uuid)) id: string): Promise<AdminGrant[]> {
    return this.grants.list(id);
  }

  @Post(':id/grants')
  @ApiBody({ schema: openApiInput(CreateGrantRequest) })
  @ApiCreatedResponse({ schema: openApi(AdminGrant) })
  @Refuses({ 409: ['GRANT_EXISTS'], 422: ['UNKNOWN_SCOPE'] })
  grant(
    @Param('id', zodPipe(Uuid)) id: string,
    @Body(zodPipe(CreateGrantRequest)) body: CreateGrantRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<AdminGrant> {
    return this.grants.grant(actor, id, body, requestId);
  }

  @Delete(':id/grants/:grantId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Grant ended (kept in history)' })
  @ApiUnprocessableEntityResponse({ description: 'Revoking your own admin role' })
  @Refuses({ 422: ['SELF_LOCKOUT'] })
  revoke(
    @Param('id', zodPipe(Uuid)) id: string,
    @Param('grantId', zodPipe(Uuid)) grantId: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId?: string,
  ): Promise<void> {
    return this.grants.revoke(actor, id, grantId, requestId);
  }
}
