// The published command schemas against the engine's definitions: every command a client may send through the
// generic route (entries) or the scheme route has its schema, none more, and each schema names the reason and the
// recorded fields the engine reads for that action.
import type { z } from 'zod';
import { productSelection, khuyencongScheme, type ActionDefinition, type ValidDefinition } from '@khuyencong/domain';
import { SchemeCommandParams } from '../schemes/dto.js';
import { EntryCommandBody, SchemeCommandUnion, typesOf } from './command-bodies.js';

/** Sent through their own routes (entries' submit and resubmit, the certificate's revocation) or by the system. */
const OWN_ROUTES = new Set(['submit', 'resubmit', 'revoke', 'expire']);
const TASK_COMMANDS = ['claim', 'unclaim', 'delegate', 'reassign'];

function actionsOf(definition: ValidDefinition): Map<string, ActionDefinition> {
  const found = new Map<string, ActionDefinition>();
  for (const stage of definition.stages)
    for (const action of stage.actions) if (action.batch === undefined && !found.has(action.name)) found.set(action.name, action);
  return found;
}

function payloadOf(union: typeof EntryCommandBody | typeof SchemeCommandUnion, type: string): z.ZodObject<Record<string, z.ZodType>> {
  const option = union.options.find((candidate) => candidate.shape.type.value === type)!;
  return option.shape.payload;
}

describe('the published command schemas', () => {
  it('cover exactly the entry commands of the generic route', () => {
    const engine = [...actionsOf(productSelection).keys()].filter((name) => !OWN_ROUTES.has(name));
    expect(typesOf(EntryCommandBody).sort()).toEqual([...engine, ...TASK_COMMANDS].sort());
  });

  it('cover exactly the scheme commands the scheme route accepts', () => {
    expect(typesOf(SchemeCommandUnion).sort()).toEqual([...SchemeCommandParams.shape.type.options].sort());
    const engine = [...actionsOf(khuyencongScheme).keys()];
    expect(typesOf(SchemeCommandUnion).filter((type) => !engine.includes(type))).toEqual([]);
  });

  it.each([
    ['entry', productSelection, EntryCommandBody],
    ['scheme', khuyencongScheme, SchemeCommandUnion],
  ] as const)('name the reason and the recorded fields the engine reads (%s)', (_kind, definition, union) => {
    for (const [name, action] of actionsOf(definition)) {
      if (!typesOf(union).includes(name)) continue;
      const payload = payloadOf(union, name);
      const fields = Object.keys(payload.shape);
      if (action.requiresReason) expect([name, payload.shape.reason?.safeParse(undefined).success]).toEqual([name, false]);
      for (const field of action.payload ?? []) {
        expect([name, fields.includes(field.field)]).toEqual([name, true]);
        if (field.required) expect([name, field.field, payload.shape[field.field]!.safeParse(undefined).success]).toEqual([name, field.field, false]);
      }
    }
  });

  it('accept what the journeys send and refuse a wrong shape', () => {
    expect(EntryCommandBody.safeParse({ type: 'score', payload: { points: { MARKET: 35, OTHER: 9 }, comment: 'Tốt' } }).success).toBe(true);
    expect(EntryCommandBody.safeParse({ type: 'return', payload: {} }).success).toBe(false);
    expect(EntryCommandBody.safeParse({ type: 'vote', payload: { vote: 'maybe' } }).success).toBe(false);
    expect(SchemeCommandUnion.safeParse({ type: 'record_disbursement', payload: { kind: 'advance', amount: 400_000_000, paidOn: '2026-03-10' } }).success).toBe(
      true,
    );
    expect(SchemeCommandUnion.safeParse({ type: 'settle', payload: { settledAmount: -1 } }).success).toBe(false);
  });
});
