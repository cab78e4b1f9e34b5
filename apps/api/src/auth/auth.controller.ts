import { Body, Controller, Get, HttpCode, HttpException, Ip, Post, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiBody, ApiOkResponse, ApiResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Authenticated, Public } from '../common/access.js';
import { CurrentActor, RequestId, type Actor } from '../common/actor.js';
import { Refuses } from '../common/error-answers.js';
import { openApi, zodPipe } from '../common/zod.js';
import { AuthService } from './auth.service.js';
import { LoginRequest, MeResponse, RefreshRequest, SessionResponse } from './dto.js';
import { LoginLimiter } from './login-limiter.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: LoginLimiter,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: openApi(LoginRequest) })
  @ApiOkResponse({ schema: openApi(SessionResponse) })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiResponse({ status: 423, description: 'The right password, but an administrator locked the account (`lockedUntil` says until when)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or failed sign-ins of this e-mail: wait Retry-After seconds' })
  @Refuses({ 401: ['INVALID_CREDENTIALS'], 423: ['ACCOUNT_LOCKED'], 429: ['LOGIN_THROTTLED'] })
  async login(
    @Body(zodPipe(LoginRequest)) body: LoginRequest,
    @Ip() ip: string,
    @Res({ passthrough: true }) response: Response,
    @RequestId() requestId?: string,
  ): Promise<SessionResponse> {
    try {
      await this.limiter.check(ip);
      return await this.auth.login(body, ip, requestId);
    } catch (error) {
      const retryAfter = error instanceof HttpException ? (error.getResponse() as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
      if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
      throw error;
    }
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiBody({ schema: openApi(RefreshRequest) })
  @ApiOkResponse({ schema: openApi(SessionResponse) })
  @ApiUnauthorizedResponse({
    description:
      'The refresh token is unknown or expired, its account is disabled, or it was rotated already (TOKEN_REUSED: its whole session is revoked, sign in again)',
  })
  @Refuses({ 401: ['TOKEN_REUSED'] })
  refresh(@Body(zodPipe(RefreshRequest)) body: RefreshRequest, @RequestId() requestId?: string): Promise<SessionResponse> {
    return this.auth.refresh(body.refreshToken, requestId);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBody({ schema: openApi(RefreshRequest) })
  logout(@Body(zodPipe(RefreshRequest)) body: RefreshRequest, @CurrentActor() actor: Actor, @RequestId() requestId?: string): Promise<void> {
    return this.auth.logout(body.refreshToken, actor.userId, requestId);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ schema: openApi(MeResponse) })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor);
  }
}
