import { Module } from '@nestjs/common';
import { ConsultingController } from './consulting.controller.js';
import { ConsultingService } from './consulting.service.js';

/** Consulting engagements of the provincial khuyến công centres (DESIGN.md §5). */
@Module({ controllers: [ConsultingController], providers: [ConsultingService] })
export class ConsultingModule {}
