import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { api } from './api.js';
import { ApiError, unwrap } from './errors.js';

type CommandResponse = paths['/api/instances/{id}/commands/{type}']['post']['responses'][200]['content']['application/json'];
/** An instance as the API shows it to the caller. */
export type InstanceView = CommandResponse['instance'];
/** An entry (product, establishment, dossier and its instance). */
export type EntryView = paths['/api/entries/{id}']['get']['responses'][200]['content']['application/json'];

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
  /** For submit/resubmit of an entry: the document ids, saved first through PUT /api/entries/{id}/dossier. */
  dossier?: DossierDocuments;
}

/** Document ids of an entry's dossier, as PUT /api/entries/{id}/dossier takes them. */
export interface DossierDocuments {
  registrationForm?: string;
  businessRegistration?: string;
  productDescription?: string;
  photos: string[];
}

/**
 * Submit and resubmit go through the entries routes (the generic command route refuses them with
 * USE_DEDICATED_ENDPOINT): the dossier is saved, then the entry is sent with the version the save left.
 */
async function sendEntry(input: CommandInput & { dossier: DossierDocuments }): Promise<CommandResponse> {
  const id = input.instanceId;
  const entry = unwrap<EntryView>(await api.PUT('/api/entries/{id}/dossier', { params: { path: { id } }, body: input.dossier }));
  const header = { 'If-Match': String(entry.instance.version), 'Idempotency-Key': newIdempotencyKey() };
  const result =
    input.type === 'resubmit'
      ? await api.POST('/api/entries/{id}/resubmit', { params: { path: { id }, header } })
      : await api.POST('/api/entries/{id}/submit', { params: { path: { id }, header } });
  return unwrap<CommandResponse>(result);
}

/** Sends one workflow command with an Idempotency-Key and the If-Match version. */
export async function sendCommand(input: CommandInput): Promise<CommandResponse> {
  if (input.dossier && (input.type === 'submit' || input.type === 'resubmit')) return sendEntry({ ...input, dossier: input.dossier });
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
