import { Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

/** The signed-in person's own settings (issue 19: how notification e-mails reach them). */
@Module({ controllers: [MeController], providers: [MeService] })
export class MeModule {}
