import { type InstanceState } from '@khuyencong/domain';
import { SchemeFinanceStore, SchemeStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { type Actor } from '../common/actor.js';
import { derivePlansOf } from '../plans/plan-derivation.js';
import { type EngineHooks } from '../workflow/command-pipeline.js';
import { type SchemeCommand } from './scheme-commands.service.js';
import { checkAdvance, checkChange, checkDisbursement, checkRegistrationDeadline, checkSettlement, recheckBudgetLines, vietnamToday } from './scheme-rules.js';
import { type SchemeRow } from './scheme-views.js';

/**
 * A scheme command's finance around the engine, as hooks of the command pipeline in the command's transaction:
 * BEFORE the engine decides, the money rules it does not know (registration deadline, support caps at submission
 * and appraisal, advances, disbursements and settlement within the allocation, changes); AFTER it, the finance rows
 * that follow (the scheme's stage and allocation, disbursements, changes, acceptances, settlements, the derived
 * plans). A refusal (422 naming the rule) or any failure rolls the whole command back.
 */
export class SchemeFinanceHooks {
  private readonly rows = new SchemeStore();
  private readonly finance = new SchemeFinanceStore();

  /** The hooks of one command on one scheme. */
  for(tx: EntityManager, actor: Actor, scheme: SchemeRow, command: SchemeCommand): EngineHooks {
    return {
      before: () => this.checkBefore(tx, scheme, command),
      after: (before, outcome) => this.writeAfter(tx, actor, scheme, before, outcome.state, command),
    };
  }

  private async checkBefore(tx: EntityManager, scheme: SchemeRow, command: SchemeCommand): Promise<void> {
    switch (command.type) {
      case 'submit':
        await checkRegistrationDeadline(tx, scheme);
        return recheckBudgetLines(tx, scheme);
      case 'resubmit':
      case 'pass':
        return recheckBudgetLines(tx, scheme);
      case 'record_disbursement':
        await checkAdvance(tx, scheme, command.payload);
        return checkDisbursement(tx, scheme, command.payload);
      case 'request_change':
        return checkChange(scheme, command.payload);
      case 'settle':
        return checkSettlement(scheme, command.payload);
      default:
        return;
    }
  }

  private async writeAfter(
    tx: EntityManager,
    actor: Actor,
    scheme: SchemeRow,
    before: InstanceState,
    after: InstanceState,
    command: SchemeCommand,
  ): Promise<void> {
    const payload = command.payload;
    await this.rows.setStage(tx, scheme.id, after.stage);
    const plan = { provinceCode: scheme.province_code, fundingSource: scheme.funding_source_code, year: scheme.year };
    switch (command.type) {
      case 'pass':
        await this.rows.setAllocation(tx, scheme.id, allocationOf(after, scheme));
        if (after.stage === 'in_plan') await derivePlansOf(tx, plan, actor.userId);
        return;
      case 'contract':
        await this.rows.setContractNumber(tx, scheme.id, payload.contractNumber ?? null);
        return;
      case 'cancel':
        return derivePlansOf(tx, plan, actor.userId);
      case 'record_progress':
        await this.rows.setProgress(tx, scheme.id, payload.progressPercent ?? 0);
        return;
      case 'record_disbursement': {
        const paidOn = payload.paidOn ?? vietnamToday();
        await this.finance.insertDisbursement(tx, {
          schemeId: scheme.id,
          kind: payload.kind ?? 'payment',
          amount: payload.amount ?? 0,
          paidOn,
          period: paidOn.slice(0, 7),
          createdBy: actor.userId,
        });
        return;
      }
      case 'request_change':
        await this.finance.insertChange(tx, {
          schemeId: scheme.id,
          kind: payload.changeKind,
          reason: payload.reason ?? '',
          newAllocatedAmount: payload.newAllocatedAmount ?? null,
          newEndsOn: payload.newEndsOn ?? null,
          requestedBy: actor.userId,
        });
        return;
      case 'approve_change':
      case 'reject_change': {
        const status = command.type === 'approve_change' ? 'approved' : 'rejected';
        const change = await this.finance.latestPendingChange(tx, scheme.id);
        if (change) await this.finance.decideChange(tx, change.id, status, actor.userId);
        if (status === 'approved' && change?.amount != null) {
          await this.rows.setAllocation(tx, scheme.id, change.amount);
        }
        if (status === 'approved' && change?.ends_on != null) {
          await this.rows.setEndsOn(tx, scheme.id, change.ends_on);
        }
        if (status === 'approved') await derivePlansOf(tx, plan, actor.userId);
        return;
      }
      case 'vote':
        if (before.stage === 'acceptance' && after.stage !== 'acceptance') {
          const outcome = after.stage === 'settlement' ? (payload.conditions ? 'accepted_with_conditions' : 'accepted') : 'failed';
          await this.finance.insertAcceptance(tx, scheme.id, outcome, payload.conditions ?? null);
        }
        return;
      case 'settle': {
        const settled = payload.settledAmount ?? 0;
        const remaining = settled - Number(scheme.disbursed_amount);
        if (remaining > 0) {
          const on = payload.settledOn ?? vietnamToday();
          await this.finance.insertSettlementDisbursement(tx, {
            schemeId: scheme.id,
            amount: remaining,
            paidOn: on,
            period: on.slice(0, 7),
            createdBy: actor.userId,
          });
        }
        await this.finance.insertSettlement(tx, {
          schemeId: scheme.id,
          settledAmount: settled,
          settledOn: payload.settledOn ?? vietnamToday(),
          recordedAgainst: scheme.funding_source_code === 'NATIONAL' ? 'ministry' : 'province',
          createdBy: actor.userId,
        });
        return;
      }
      default:
        return;
    }
  }
}

/** The engine's allocated amount after an appraisal (the scheme's own when the engine has none). */
export function allocationOf(state: InstanceState, scheme: SchemeRow): number | null {
  const value = state.attributes.allocatedAmount;
  return typeof value === 'number' ? value : scheme.allocated_amount === null ? null : Number(scheme.allocated_amount);
}
