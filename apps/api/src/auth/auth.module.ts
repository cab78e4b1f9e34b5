import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';
import { SessionService } from './session.service.js';

@Global()
@Module({ controllers: [AuthController], providers: [AuthService, SessionService, LoginLimiter], exports: [SessionService] })
export class AuthModule {}
