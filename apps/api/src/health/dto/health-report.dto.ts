import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentHealth {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ description: 'How long the check took' })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Why it is down, or what was found' })
  detail?: string;
}

export class HealthChecks {
  @ApiProperty({ type: ComponentHealth })
  database!: ComponentHealth;

  @ApiProperty({ type: ComponentHealth })
  redis!: ComponentHealth;

  @ApiProperty({ type: ComponentHealth })
  worker!: ComponentHealth;

  @ApiPropertyOptional({
    type: ComponentHealth,
    description: 'The read replica (DATABASE_READ_URL), when one is configured: its lag, or why reads fall back to the primary. Never fails the check',
  })
  replica?: ComponentHealth;
}

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ description: 'Components that are down', type: [String], enum: ['database', 'redis', 'worker'] })
  down!: ('database' | 'redis' | 'worker')[];

  @ApiProperty({ type: HealthChecks })
  checks!: HealthChecks;
}
