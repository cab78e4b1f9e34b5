import { DomainError } from '../errors.js';
import { definitionSchema, type ActionDefinition, type StageDefinition, type WorkflowDefinition } from './schema.js';

declare const validated: unique symbol;
/**
 * A definition that passed the schema and the reference checks. `decide` only accepts this type, so the
 * (slow) validation runs once at load or publish time, never per command.
 */
export type ValidDefinition = WorkflowDefinition & { readonly [validated]: true };

/** Actions every task stage or every stage with an SLA offers without declaring them. */
export const taskActions = ['claim', 'unclaim', 'delegate', 'reassign'] as const;
export const timerActions = ['remind', 'escalate'] as const;
const reservedNames = new Set<string>([...taskActions, ...timerActions]);
const juryActions = new Set(['assign_judges', 'score', 'recuse', 'close_jury']);
const councilActions = new Set(['assign_council', 'vote']);

/** The outcome of checking a definition: the typed definition, or every problem found. */
export type DefinitionCheck = { readonly ok: true; readonly definition: ValidDefinition } | { readonly ok: false; readonly problems: readonly string[] };

/** Checks shape (zod) and references; returns all problems at once so an admin can fix them in one go. */
export function checkDefinition(input: unknown): DefinitionCheck {
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const problems = referenceProblems(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: deepFreeze(parsed.data) as ValidDefinition };
}

/** Like {@link checkDefinition} but throws `DEFINITION_INVALID` with the problems in `details`. */
export function loadDefinition(input: unknown): ValidDefinition {
  const check = checkDefinition(input);
  if (!check.ok) throw new DomainError('DEFINITION_INVALID', { problems: check.problems });
  return check.definition;
}

function stageProblems(stage: StageDefinition, has: (id: string) => boolean): string[] {
  const problems: string[] = [];
  const at = `stage ${stage.id}`;
  const target = (id: string, what: string): void => {
    if (!has(id)) problems.push(`${at}: ${what} targets unknown stage ${id}`);
  };
  if (stage.kind === 'terminal') {
    if (stage.actions.length > 0) problems.push(`${at}: a terminal stage has no actions`);
    if (stage.sla) problems.push(`${at}: a terminal stage has no SLA`);
  }
  if ((stage.kind === 'jury') !== (stage.jury !== undefined)) {
    problems.push(`${at}: jury rules belong to jury stages, and every jury stage needs them`);
  }
  if ((stage.kind === 'council') !== (stage.council !== undefined)) {
    problems.push(`${at}: council rules belong to council stages, and every council stage needs them`);
  }
  if (stage.jury) {
    target(stage.jury.passTo, 'jury pass');
    target(stage.jury.failTo, 'jury fail');
    for (const criterion of stage.jury.criteria) {
      if (stage.jury.criteria.filter((other) => other.code === criterion.code).length > 1) {
        problems.push(`${at}: criteria group ${criterion.code} is listed twice`);
      }
    }
  }
  if (stage.council) {
    target(stage.council.approveTo, 'council approval');
    target(stage.council.rejectTo, 'council rejection');
  }
  if (stage.waitsForApplicant && stage.sla) problems.push(`${at}: the clock is paused here, so it has no SLA`);
  if (stage.claimable !== undefined && stage.kind !== 'task') problems.push(`${at}: only task stages are claimable`);
  if (stage.certificateExpiry && !stage.actions.some((action) => action.name === 'expire')) {
    problems.push(`${at}: a certificate-expiry stage needs an expire action`);
  }
  for (const action of stage.actions) {
    const name = `${at}: action ${action.name}`;
    if (action.to !== undefined) target(action.to, `action ${action.name}`);
    if (reservedNames.has(action.name)) problems.push(`${name} is built in and cannot be declared`);
    if (juryActions.has(action.name) && stage.kind !== 'jury') problems.push(`${name} belongs to jury stages`);
    if (councilActions.has(action.name) && stage.kind !== 'council') {
      problems.push(`${name} belongs to council stages`);
    }
    if (stage.kind === 'batch' && !action.bySubject && !action.batch) {
      problems.push(`${name}: decisions in a batch stage are taken over a list`);
    }
  }
  return problems;
}

function referenceProblems(definition: WorkflowDefinition): string[] {
  const ids = definition.stages.map((stage) => stage.id);
  const known = new Set(ids);
  const problems: string[] = [];
  for (const id of known) {
    if (ids.filter((other) => other === id).length > 1) problems.push(`stage ${id} is defined twice`);
  }
  if (!known.has(definition.initialStage)) problems.push(`initial stage ${definition.initialStage} does not exist`);
  for (const stage of definition.stages) problems.push(...stageProblems(stage, (id) => known.has(id)));
  if (problems.length > 0) return problems;

  const reached = new Set<string>([definition.initialStage]);
  const queue = [definition.initialStage];
  const byId = new Map(definition.stages.map((stage) => [stage.id, stage]));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of successors(byId.get(next)!)) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return ids.filter((id) => !reached.has(id)).map((id) => `stage ${id} cannot be reached from ${definition.initialStage}`);
}

/** Stages directly reachable from a stage through its actions and its jury or council outcomes. */
export function successors(stage: StageDefinition): string[] {
  const targets = stage.actions.flatMap((action) => (action.to === undefined ? [] : [action.to]));
  if (stage.jury) targets.push(stage.jury.passTo, stage.jury.failTo);
  if (stage.council) targets.push(stage.council.approveTo, stage.council.rejectTo);
  return targets;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Lookups prepared once per definition object. */
export interface DefinitionIndex {
  readonly stages: ReadonlyMap<string, StageDefinition>;
  /** stage id → action name → variants in declaration order. */
  readonly actions: ReadonlyMap<string, ReadonlyMap<string, readonly ActionDefinition[]>>;
  /** Every action name declared anywhere (to tell WRONG_STAGE from UNKNOWN_ACTION). */
  readonly actionNames: ReadonlySet<string>;
}

const indexes = new WeakMap<ValidDefinition, DefinitionIndex>();

/** The cached index of a validated definition. */
export function indexOf(definition: ValidDefinition): DefinitionIndex {
  const cached = indexes.get(definition);
  if (cached) return cached;
  const actions = new Map<string, Map<string, ActionDefinition[]>>();
  const actionNames = new Set<string>();
  for (const stage of definition.stages) {
    const byName = new Map<string, ActionDefinition[]>();
    for (const action of stage.actions) {
      byName.set(action.name, [...(byName.get(action.name) ?? []), action]);
      actionNames.add(action.name);
    }
    actions.set(stage.id, byName);
  }
  const index: DefinitionIndex = {
    stages: new Map(definition.stages.map((stage) => [stage.id, stage])),
    actions,
    actionNames,
  };
  indexes.set(definition, index);
  return index;
}

/** The stage an instance is in; a state naming an unknown stage does not belong to this definition. */
export function stageOf(definition: ValidDefinition, stageId: string): StageDefinition {
  const stage = indexOf(definition).stages.get(stageId);
  if (!stage) throw new DomainError('DEFINITION_MISMATCH', { stage: stageId });
  return stage;
}
