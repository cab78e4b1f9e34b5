import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { api } from './api.js';
import { ApiError, unwrap } from './errors.js';

type CommandResponse = paths['/api/instances/{id}/commands/{type}']['post']['responses'][200]['content']['application/json'];
/** An instance as the API shows it to the caller. */
export type InstanceView = CommandResponse['instance'];

/** A fresh key per user intent; the API replays the first answer if the same key comes again. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface CommandInput {
  instanceId: string;
  type: string;
  /** The version of the last read: the API answers 409 if someone acted since. */
  version: number;
  payload?: Record<string, unknown>;
}

/** Sends one workflow command with an Idempotency-Key and the If-Match version. */
export async function sendCommand(input: CommandInput): Promise<CommandResponse> {
  return unwrap(
    await api.POST('/api/instances/{id}/commands/{type}', {
      params: {
        path: { id: input.instanceId, type: input.type },
        header: { 'If-Match': String(input.version), 'Idempotency-Key': newIdempotencyKey() },
      },
      body: { payload: input.payload ?? {} },
    }),
  );
}

/** The command as a mutation: on success or on 409 the instance, its history and the inbox are reloaded. */
export function useCommand() {
  const queryClient = useQueryClient();
  const reload = (instanceId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['instance', instanceId] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
    ]);
  return useMutation({
    mutationFn: sendCommand,
    onSuccess: (result, input) => {
      queryClient.setQueryData(['instance', input.instanceId, 'state'], result.instance);
      return reload(input.instanceId);
    },
    onError: (error, input) => (error instanceof ApiError && error.status === 409 ? reload(input.instanceId) : undefined),
  });
}
