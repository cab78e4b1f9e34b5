// Public API of @khuyencong/domain: the pure workflow engine, its definitions and its domain rules.
export * from './errors.js';
export * from './types.js';
export * from './state.js';
export { scopeCovers, subjectScopeAt, nationalScopeId } from './scope.js';
export * from './definition/schema.js';
export { checkDefinition, loadDefinition, successors, type ValidDefinition, type DefinitionCheck } from './definition/validate.js';
export * from './definition/catalogue.js';
export { productSelection, productSelectionData } from './definition/product-selection.js';
export { khuyencongScheme, khuyencongSchemeData } from './definition/scheme.js';
export { decide } from './engine/decide.js';
export { availableActions, scoringCriteria, type AvailableAction, type AvailabilityContext } from './engine/available.js';
export { decideBatch, type BatchProblem, type BatchResult } from './engine/batch.js';
export { createInstance, instanceInitSchema, type InstanceInit } from './engine/create.js';
export { evolve, replay, type TransitionData, type EventChanges } from './engine/evolve.js';
export { openTasks, type Task } from './engine/tasks.js';
export type { DecideResult } from './engine/run.js';
export { visibleJuryView, averageHalfUp, type JuryView } from './stages/jury.js';
export { councilOutcome, votesNeeded } from './stages/council.js';
export * from './sla/calendar.js';
export { slaStatus, classify, type SlaStatus } from './sla/sla.js';
export { calendarDataFromStored, type CalendarDayRecord, type StoredCalendar } from './sla/calendar-days.js';
export * from './migration.js';

import { productSelection } from './definition/product-selection.js';
import { khuyencongScheme } from './definition/scheme.js';
/** Every definition the platform ships (published as version 1). */
export const shippedDefinitions = [productSelection, khuyencongScheme] as const;
export * from './finance/money-rules.js';
