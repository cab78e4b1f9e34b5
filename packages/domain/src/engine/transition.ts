import type { EffectTemplate } from '../definition/schema.js';
import { stageOf, type ValidDefinition } from '../definition/validate.js';
import { subjectScopeAt } from '../scope.js';
import { dayNumberOf, endOfLocalDay } from '../sla/calendar.js';
import { closeClock, pauseClock, resumeClock, slaOf, startClock } from '../sla/sla.js';
import type { CertificateInfo, InstanceState, SlaClock, SlaRecord } from '../state.js';
import type { Effect } from '../types.js';
import type { TransitionData } from './evolve.js';
import type { Run } from './run.js';

/** Resolves notification templates against an instance: role + level becomes the instance's unit. */
export function notifications(templates: readonly EffectTemplate[] | undefined, state: InstanceState, data: Readonly<Record<string, unknown>> = {}): Effect[] {
  const effects: Effect[] = [];
  for (const template of templates ?? []) {
    const base = { instanceId: state.instanceId, definitionCode: state.definitionCode, stage: state.stage, ...data };
    if ('subject' in template.to) {
      if (state.submittedBy !== null) {
        effects.push({ type: 'notify', to: { userId: state.submittedBy }, template: template.template, data: base });
      }
    } else {
      const to = { role: template.to.role, scope: subjectScopeAt(state.subject, template.to.scopeType) };
      effects.push({ type: 'notify', to, template: template.template, data: base });
    }
  }
  return effects;
}

/** A stage move with the effects it causes (exit and entry notifications, timers). */
export interface Move {
  readonly transition: TransitionData;
  readonly effects: readonly Effect[];
}

/**
 * Moves an instance to another stage. The SLA clock pauses when the target waits for the applicant, resumes
 * when the instance comes back to the paused stage, and otherwise closes (with a classification) and starts
 * afresh if the target has an SLA.
 */
export function moveTo(definition: ValidDefinition, state: InstanceState, to: string, run: Run, certificate: CertificateInfo | null = state.certificate): Move {
  const from = stageOf(definition, state.stage);
  const target = stageOf(definition, to);
  const version = state.version + 1;
  const clock = state.sla;
  const now = { ms: run.nowMs, iso: run.now };
  const effects: Effect[] = [...notifications(from.onExit, state)];
  let sla: SlaClock | null = null;
  let closedSla: SlaRecord | null = null;

  if (target.waitsForApplicant && clock !== null) {
    const paused = clock.pausedAt === null ? pauseClock(clock, now) : { clock, effects: [] };
    sla = paused.clock;
    effects.push(...paused.effects);
  } else if (clock !== null && clock.pausedAt !== null && clock.stage === to) {
    const resumed = resumeClock(state.instanceId, clock, now, run.calendar, version);
    sla = resumed.clock;
    effects.push(...resumed.effects);
  } else {
    if (clock !== null) {
      const closed = closeClock(clock, now);
      closedSla = closed.record;
      effects.push(...closed.effects);
    }
    const targetSla = slaOf(target, state.round);
    if (targetSla) {
      const started = startClock(state.instanceId, to, targetSla, now, run.calendar, version);
      sla = started.clock;
      effects.push(...started.effects);
    }
  }

  const entered: InstanceState = { ...state, stage: to };
  effects.push(...notifications(target.onEnter, entered));
  if (target.certificateExpiry && certificate !== null) {
    effects.push({
      type: 'schedule_timer',
      timerKind: 'certificate_expiry',
      dueAt: new Date(endOfLocalDay(dayNumberOf(certificate.validUntil)) + 1).toISOString(),
      key: `${state.instanceId}:certificate_expiry:${certificate.number}`,
      command: 'expire',
    });
  }
  return {
    transition: {
      from: from.id,
      to,
      toKind: target.kind,
      status: target.kind === 'terminal' ? 'terminal' : 'active',
      outcome: target.outcome ?? null,
      sla,
      closedSla,
    },
    effects,
  };
}
