import { DomainError } from './errors.js';
import { indexOf, type ValidDefinition } from './definition/validate.js';
import { actorMatches } from './engine/rules.js';
import { checkInstance, commit, openRun, type DecideResult } from './engine/run.js';
import type { InstanceState } from './state.js';
import type { DecideContext } from './types.js';

/** Old stage id → new stage id. Stages not listed keep their id if the new version still has it. */
export interface StageMapping {
  readonly stages: Readonly<Record<string, string>>;
}

/** Why an instance cannot move. */
export type MigrationBlock = 'different_workflow' | 'version_not_newer' | 'wrong_version' | 'terminal' | 'unmapped_stage' | 'stage_kind_changed';

/** What a migration would do (dry run) or did. */
export interface MigrationReport {
  readonly from: { readonly code: string; readonly version: number };
  readonly to: { readonly code: string; readonly version: number };
  readonly moves: readonly { readonly instanceId: string; readonly fromStage: string; readonly toStage: string }[];
  readonly blocked: readonly { readonly instanceId: string; readonly stage: string; readonly reason: MigrationBlock }[];
}

function target(from: ValidDefinition, to: ValidDefinition, state: InstanceState, mapping: StageMapping): { stage: string } | { reason: MigrationBlock } {
  if (from.code !== to.code) return { reason: 'different_workflow' };
  if (to.version <= from.version) return { reason: 'version_not_newer' };
  if (state.definitionCode !== from.code || state.definitionVersion !== from.version) return { reason: 'wrong_version' };
  if (state.status === 'terminal') return { reason: 'terminal' };
  const stage = mapping.stages[state.stage] ?? state.stage;
  const next = indexOf(to).stages.get(stage);
  if (!next) return { reason: 'unmapped_stage' };
  // Jury sheets, council votes and task claims only mean something in a stage of the same kind.
  if (next.kind !== indexOf(from).stages.get(state.stage)?.kind) return { reason: 'stage_kind_changed' };
  return { stage };
}

/** Dry run: lists which instances would move where, and which cannot and why. Changes nothing. */
export function planMigration(from: ValidDefinition, to: ValidDefinition, states: readonly InstanceState[], mapping: StageMapping): MigrationReport {
  const moves: MigrationReport['moves'][number][] = [];
  const blocked: MigrationReport['blocked'][number][] = [];
  for (const state of states) {
    const result = target(from, to, state, mapping);
    if ('stage' in result) moves.push({ instanceId: state.instanceId, fromStage: state.stage, toStage: result.stage });
    else blocked.push({ instanceId: state.instanceId, stage: state.stage, reason: result.reason });
  }
  return { from: { code: from.code, version: from.version }, to: { code: to.code, version: to.version }, moves, blocked };
}

/**
 * Moves one instance to a newer version of its workflow (an admin's explicit act). Recorded as a `migrated`
 * event, so replaying the history lands on the new version too. The SLA clock and the stage data carry over.
 */
export function migrateInstance(
  from: ValidDefinition,
  to: ValidDefinition,
  state: InstanceState,
  mapping: StageMapping,
  expectedVersion: number,
  context: DecideContext,
): DecideResult {
  checkInstance(from, state, expectedVersion);
  const run = openRun(context, {});
  if (!actorMatches([{ role: 'admin' }], run.actor, state, run.resolveScope)) {
    throw new DomainError('NOT_ALLOWED', { action: 'migrate' });
  }
  const result = target(from, to, state, mapping);
  if (!('stage' in result)) throw new DomainError('MIGRATION_BLOCKED', { reason: result.reason, stage: state.stage });
  const sla = state.sla === null ? null : { ...state.sla, stage: state.sla.stage === state.stage ? result.stage : state.sla.stage };
  const data = {
    migration: { fromVersion: from.version, toVersion: to.version, fromStage: state.stage, toStage: result.stage },
    sla,
  };
  return commit(state, { type: 'migrated', data, effects: [] }, run);
}
