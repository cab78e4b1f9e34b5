import { Module } from '@nestjs/common';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

/** Annual plans and their versions. */
@Module({ controllers: [PlansController], providers: [PlansService] })
export class PlansModule {}
