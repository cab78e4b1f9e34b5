import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionService } from './session.service.js';

@Global()
@Module({ controllers: [AuthController], providers: [AuthService, SessionService, LoginLimiter, LoginThrottle], exports: [SessionService, LoginThrottle] })
export class AuthModule {}
