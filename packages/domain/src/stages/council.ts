import { DomainError } from '../errors.js';
import type { CouncilDefinition, StageDefinition } from '../definition/schema.js';
import type { ValidDefinition } from '../definition/validate.js';
import { checkFourEyes } from '../engine/rules.js';
import type { Run, Step } from '../engine/run.js';
import { moveTo } from '../engine/transition.js';
import type { CouncilState, CouncilVote, InstanceState } from '../state.js';
import type { Effect } from '../types.js';

/** Votes needed to approve: k, or more than half of the members. */
export function votesNeeded(rules: CouncilDefinition, members: number): number {
  return rules.rule.type === 'k_of_n' ? rules.rule.k : Math.floor(members / 2) + 1;
}

/**
 * The council's outcome so far, or null while undecided. A veto rejects at once. Deciding early, approval is
 * certain only when enough members approved and no veto can still come (the chair has voted, or there is no
 * veto); rejection is certain when the remaining votes cannot reach the threshold. Otherwise the outcome
 * waits for every vote.
 */
export function councilOutcome(rules: CouncilDefinition, council: CouncilState): 'approved' | 'rejected' | null {
  const votes = Object.values(council.votes);
  if (votes.includes('veto')) return 'rejected';
  const approvals = votes.filter((vote) => vote === 'approve').length;
  const remaining = council.members.length - votes.length;
  const needed = votesNeeded(rules, council.members.length);
  const chairPending = rules.chairVeto && council.chair !== null && council.votes[council.chair] === undefined;
  if (remaining === 0 || rules.decideWhen === 'as_soon_as_certain') {
    if (approvals >= needed && !chairPending) return 'approved';
    if (approvals + remaining < needed) return 'rejected';
  }
  return null;
}

function readMembers(run: Run, state: InstanceState, rules: CouncilDefinition): { members: string[]; chair: string | null } {
  const given = run.payload.members;
  const members = Array.isArray(given) ? given.filter((member): member is string => typeof member === 'string' && member !== '') : [];
  const distinct = new Set(members).size === members.length && members.length === (Array.isArray(given) ? given.length : -1);
  const chair = typeof run.payload.chair === 'string' ? run.payload.chair : null;
  if (members.length === 0 || !distinct || (chair !== null && !members.includes(chair))) {
    throw new DomainError('VALIDATION_FAILED', { field: 'members', expected: 'distinct user ids including the chair' });
  }
  if (votesNeeded(rules, members.length) > members.length) {
    throw new DomainError('VALIDATION_FAILED', { field: 'members', reason: 'fewer members than the votes needed' });
  }
  for (const member of members) checkFourEyes(state, member);
  return { members, chair };
}

const choices: readonly CouncilVote[] = ['approve', 'reject', 'veto'];

/**
 * What a council command needs before its payload is read: members are (re)assigned only before any vote; a vote
 * is cast once, by a member. Shared by the decision and by the actions offered to a user.
 */
export function checkCouncilCommand(state: InstanceState, name: string, me: string): void {
  const council = state.council!;
  if (name === 'assign_council') {
    if (Object.keys(council.votes).length > 0) throw new DomainError('VALIDATION_FAILED', { field: 'members', reason: 'votes were already cast' });
    return;
  }
  if (!council.members.includes(me)) throw new DomainError('NOT_ASSIGNED', { member: me });
  if (council.votes[me] !== undefined) throw new DomainError('ALREADY_VOTED', {});
}

/** Council commands: assign the members (before any vote) and vote. */
export function decideCouncilCommand(
  definition: ValidDefinition,
  stage: StageDefinition & { council: CouncilDefinition },
  state: InstanceState,
  name: string,
  run: Run,
): Step {
  const council = state.council!;
  const rules = stage.council;
  checkCouncilCommand(state, name, run.actor.userId);
  if (name === 'assign_council') {
    const { members, chair } = readMembers(run, state, rules);
    const effects: Effect[] = members.map((member) => ({
      type: 'notify',
      to: { userId: member },
      template: 'council_assigned',
      data: { instanceId: state.instanceId },
    }));
    return { type: 'council_assigned', data: { council: { ...council, members, chair } }, effects };
  }
  const me = run.actor.userId;
  const vote = run.payload.vote as CouncilVote;
  if (!choices.includes(vote)) throw new DomainError('VALIDATION_FAILED', { field: 'vote', expected: choices });
  if (vote === 'veto' && (!rules.chairVeto || council.chair !== me)) throw new DomainError('NOT_ALLOWED', { vote });
  const voted: CouncilState = { ...council, votes: { ...council.votes, [me]: vote } };
  const outcome = councilOutcome(rules, voted);
  if (outcome === null) return { type: 'vote_cast', data: { council: voted }, effects: [] };
  const decided: CouncilState = { ...voted, outcome };
  const move = moveTo(definition, { ...state, council: decided }, outcome === 'approved' ? rules.approveTo : rules.rejectTo, run);
  return { type: 'vote_cast', data: { council: decided, transition: move.transition }, effects: move.effects };
}
