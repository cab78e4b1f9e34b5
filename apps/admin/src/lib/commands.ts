import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@khuyencong/api-client';
import { api } from './api.js';
import { ApiError, unwrap } from './errors.js';

type CommandResponse = paths['/api/instances/{id}/commands/{type}']['post']['responses'][200]['content']['application/json'];
/** An instance as the API shows it to the caller. */
export type InstanceView = CommandResponse['instance'];
/** One command as the contract types it: a discriminated union by `type`. */
type EntryCommandBody = components['schemas']['EntryCommandBody'];
/** An action the API says the user may take now, with what its form asks for (the engine decides; no rules here). */
export type OfferedAction = InstanceView['availableActions'][number];
/** An entry (product, establishment with unit names, dossier with its documents by part, and its instance). */
export type EntryView = paths['/api/entries/{id}']['get']['responses'][200]['content']['application/json'];
/** One stored document of the dossier, named by its part. */
export type EntryDocument = EntryView['documents'][number];
/** The five parts of a dossier. */
export type EntryPart = EntryDocument['part'];
/** The five parts of an entry's dossier, in the order the dossier viewer shows them. */
export const ENTRY_PARTS: readonly EntryPart[] = ['registrationForm', 'businessRegistration', 'productDescription', 'photos', 'others'];

/** People the instance view names (judges, council members, chair), by user id. */
export function peopleOf(instance: InstanceView): InstanceView['people'] {
  return instance.people;
}

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
  others?: string[];
}

/** The document ids of a stored dossier (EntryView.dossier), whatever else it holds. */
export function dossierOf(stored: Record<string, unknown>): DossierDocuments {
  const one = (field: string) => {
    const value = stored[field];
    return typeof value === 'string' ? value : undefined;
  };
  const many = (field: string) => (Array.isArray(stored[field]) ? (stored[field] as unknown[]).filter((id): id is string => typeof id === 'string') : []);
  const dossier: DossierDocuments = { photos: many('photos'), others: many('others') };
  for (const field of ['registrationForm', 'businessRegistration', 'productDescription'] as const) {
    const id = one(field);
    if (id) dossier[field] = id;
  }
  return dossier;
}

/**
 * Submit and resubmit go through the entries routes (the generic command route refuses them with
 * USE_DEDICATED_ENDPOINT): the dossier is saved, then the entry is sent with the version the save left.
 */
async function sendEntry(input: CommandInput & { dossier: DossierDocuments }): Promise<CommandResponse> {
  const id = input.instanceId;
  const entry = unwrap(await api.PUT('/api/entries/{id}/dossier', { params: { path: { id } }, body: input.dossier }));
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
      // The form is built per offered action; the union's member is the one of `type` (the engine checks the payload).
      body: { type: input.type, payload: input.payload ?? {} } as EntryCommandBody,
    }),
  );
}

/** The command as a mutation: on success or on 409 the instance, its history, its entry and the inbox are reloaded. */
export function useCommand() {
  const queryClient = useQueryClient();
  const reload = (instanceId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['instance', instanceId] }),
      queryClient.invalidateQueries({ queryKey: ['inbox'] }),
      queryClient.invalidateQueries({ queryKey: ['entry', instanceId] }),
      queryClient.invalidateQueries({ queryKey: ['entries'] }),
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
