import { isDomainError } from '../errors.js';
import { productSelection } from '../definition/product-selection.js';
import { act, actor, entryAt, organiser } from '../testing/fixtures.js';
import { openTasks } from '../engine/tasks.js';

const code = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isDomainError(error) ? error.code : 'thrown';
  }
};
const owner = organiser('province', 'owner');
const other = organiser('province', 'other');
const helper = organiser('province', 'helper');

describe('single-actor task', () => {
  it('lets one officer claim; others may then neither claim nor decide', () => {
    const claimed = act(productSelection, entryAt('screening'), 'claim', owner).state;
    expect(claimed.task).toEqual({ owner: 'owner', delegate: null });
    expect(code(() => act(productSelection, claimed, 'claim', other))).toBe('ALREADY_CLAIMED');
    expect(code(() => act(productSelection, claimed, 'accept', other))).toBe('NOT_ASSIGNED');
    expect(openTasks(productSelection, claimed).map((task) => task.assignee)).toEqual([{ userId: 'owner' }]);
    // The applicant's own actions ignore the claim.
    expect(act(productSelection, claimed, 'withdraw', actor('applicant')).state.stage).toBe('withdrawn');
  });

  it('keeps the owner while a delegate works, and gives the task back when the delegate unclaims', () => {
    const claimed = act(productSelection, entryAt('screening'), 'claim', owner).state;
    const delegated = act(productSelection, claimed, 'delegate', owner, { toUserId: 'helper' });
    expect(delegated.state.task).toEqual({ owner: 'owner', delegate: 'helper' });
    expect(delegated.effects).toEqual([expect.objectContaining({ to: { userId: 'helper' }, template: 'task_delegated' })]);
    expect(openTasks(productSelection, delegated.state).map((task) => task.assignee)).toEqual([{ userId: 'owner' }, { userId: 'helper' }]);
    const returned = act(productSelection, delegated.state, 'unclaim', helper);
    expect(returned.state.task).toEqual({ owner: 'owner', delegate: null });
    expect(returned.events[0]!.type).toBe('delegation_returned');
    // The delegate may decide on the owner's behalf.
    expect(act(productSelection, delegated.state, 'accept', helper).state.stage).toBe('scoring');
  });

  it('lets the owner release the task, and nobody else', () => {
    const claimed = act(productSelection, entryAt('screening'), 'claim', owner).state;
    expect(code(() => act(productSelection, claimed, 'unclaim', other))).toBe('NOT_ASSIGNED');
    expect(act(productSelection, claimed, 'unclaim', owner).state.task).toEqual({ owner: null, delegate: null });
  });

  it('checks delegation: only the owner, a named user, not the owner again, never the submitter', () => {
    const claimed = act(productSelection, entryAt('screening'), 'claim', owner).state;
    expect(code(() => act(productSelection, claimed, 'delegate', other, { toUserId: 'x' }))).toBe('NOT_ASSIGNED');
    expect(code(() => act(productSelection, claimed, 'delegate', owner, {}))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, claimed, 'delegate', owner, { toUserId: ' ' }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, claimed, 'delegate', owner, { toUserId: 'owner' }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, claimed, 'delegate', owner, { toUserId: 'applicant-1' }))).toBe('FOUR_EYES');
  });

  it('lets an admin reassign a claimed task, dropping the delegate', () => {
    const delegated = act(productSelection, act(productSelection, entryAt('screening'), 'claim', owner).state, 'delegate', owner, { toUserId: 'helper' }).state;
    const reassigned = act(productSelection, delegated, 'reassign', actor('admin'), { toUserId: 'other' });
    expect(reassigned.state.task).toEqual({ owner: 'other', delegate: null });
    expect(reassigned.effects[0]).toMatchObject({ to: { userId: 'other' }, template: 'task_reassigned' });
  });

  it('offers no claim in stages that are not claimable tasks', () => {
    expect(code(() => act(productSelection, entryAt('draft'), 'claim', owner))).toBe('WRONG_STAGE');
    expect(code(() => act(productSelection, entryAt('scoring'), 'claim', owner))).toBe('WRONG_STAGE');
  });

  it('stops the submitter from claiming their own entry', () => {
    const state = entryAt('screening', 'region');
    expect(code(() => act(productSelection, state, 'claim', actor('central_officer', 'provincial_officer-1')))).toBe('FOUR_EYES');
  });
});
