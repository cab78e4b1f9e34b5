// The published workflow definitions are data shared with the API: the UI reads stage names, which actions a
// user's grants allow, reasons and payload fields from them, so forms ask for exactly what the engine checks.
import { shippedDefinitions, type ActionDefinition, type ActorRule, type Condition, type StageDefinition } from '@khuyencong/domain';
import type { InstanceView } from './commands.js';
import type { Grant } from './session.js';

/** Actions that run over a whole list (a round's decision, a local plan) or only by the system: not per dossier. */
const NOT_PER_INSTANCE = new Set(['expire']);

export function definitionOf(code: string) {
  return shippedDefinitions.find((definition) => definition.code === code);
}

export function stageOf(instance: InstanceView): StageDefinition | undefined {
  return definitionOf(instance.definitionCode)?.stages.find((stage) => stage.id === instance.stage);
}

function holds(condition: Condition, instance: InstanceView): boolean {
  if (condition.type === 'round_level_in') {
    const level = instance.round?.level;
    return typeof level === 'string' && (condition.levels as readonly string[]).includes(level);
  }
  const value = instance.attributes[condition.attribute];
  return condition.values.some((allowed) => allowed === value);
}

const allHold = (conditions: readonly Condition[] | undefined, instance: InstanceView) => (conditions ?? []).every((condition) => holds(condition, instance));

function ruleAllows(rule: ActorRule, grant: Grant, instance: InstanceView): boolean {
  return rule.role === grant.role && (rule.scopeTypes === undefined || rule.scopeTypes.includes(grant.scopeType)) && allHold(rule.when, instance);
}

/**
 * The actions of the current stage that the user's grants allow on this instance, one per name (the variant
 * whose conditions hold). The API still decides: scope, four-eyes and assignment are checked there.
 */
export function actionsFor(instance: InstanceView, grants: readonly Grant[]): ActionDefinition[] {
  if (instance.status !== 'active') return [];
  const stage = stageOf(instance);
  const found = new Map<string, ActionDefinition>();
  for (const action of stage?.actions ?? []) {
    if (action.batch !== undefined || NOT_PER_INSTANCE.has(action.name) || found.has(action.name) || !allHold(action.when, instance)) continue;
    if (action.actors.some((rule) => grants.some((grant) => ruleAllows(rule, grant, instance)))) found.set(action.name, action);
  }
  return [...found.values()];
}

/** Criteria groups of the jury stage (code, name, max), as the engine enforces them. */
export function criteriaOf(instance: InstanceView) {
  const stages = definitionOf(instance.definitionCode)?.stages ?? [];
  return (stageOf(instance)?.jury ?? stages.find((stage) => stage.jury !== undefined)?.jury)?.criteria ?? [];
}
