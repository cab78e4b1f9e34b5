export { SYSTEM_USER_ID, systemActor, toDomainActor, storedScopeId, type StoredGrant } from './actors.js';
export { CalendarProvider } from './calendar.js';
export { DefinitionRegistry, subjectKindOf } from './definitions.js';
export { PipelineError, TimerContendedError, type PipelineErrorCode } from './errors.js';
export { columnsOf, effectsOf, tasksOf } from './mapping.js';
export { WorkflowRunner, type CommandOutcome, type ExecuteOptions, type TimerFireResult, type WorkflowRunnerOptions } from './runner.js';
