import { OrganisationEntity } from './organisation.entity.js';
import { AuditLogEntity, RefreshTokenEntity, RoleGrantEntity, UserEntity } from './identity.entities.js';
import {
  AdministrativeUnitEntity,
  CalendarDayEntity,
  CalendarEntity,
  ContentGroupEntity,
  CriteriaGroupEntity,
  CriteriaSetEntity,
  FundingSourceEntity,
  ProductGroupEntity,
  ProgrammeEntity,
  RegionEntity,
  RegionMembershipEntity,
  SupportRuleEntity,
  UnitSuccessionEntity,
} from './reference.entities.js';
import { OpenTaskEntity, WorkflowDefinitionEntity, WorkflowEventEntity, WorkflowInstanceEntity } from './workflow.entities.js';
import {
  DocumentEntity,
  EffectReceiptEntity,
  IdempotencyKeyEntity,
  NotificationEntity,
  OutboxEntity,
  TimerEntity,
} from './effects.entities.js';
import { SELECTION_ENTITIES } from './selection.entities.js';
import { FINANCE_ENTITIES } from './finance.entities.js';
import { AnnualPlanLineEntity } from './plan-line.entity.js';

export * from './organisation.entity.js';
export * from './identity.entities.js';
export * from './reference.entities.js';
export * from './workflow.entities.js';
export * from './effects.entities.js';
export * from './selection.entities.js';
export * from './finance.entities.js';
export * from './plan-line.entity.js';

/** Every entity class, for `TypeOrmModule.forRoot({ entities })` and `forFeature`. */
export const ENTITIES = [
  AdministrativeUnitEntity,
  UnitSuccessionEntity,
  RegionEntity,
  RegionMembershipEntity,
  FundingSourceEntity,
  ProgrammeEntity,
  ContentGroupEntity,
  SupportRuleEntity,
  CriteriaSetEntity,
  CriteriaGroupEntity,
  ProductGroupEntity,
  CalendarEntity,
  CalendarDayEntity,
  OrganisationEntity,
  UserEntity,
  RoleGrantEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  WorkflowDefinitionEntity,
  WorkflowInstanceEntity,
  WorkflowEventEntity,
  OpenTaskEntity,
  OutboxEntity,
  EffectReceiptEntity,
  IdempotencyKeyEntity,
  NotificationEntity,
  TimerEntity,
  DocumentEntity,
  ...SELECTION_ENTITIES,
  ...FINANCE_ENTITIES,
  AnnualPlanLineEntity,
];
