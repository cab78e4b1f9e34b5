import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { paths } from '@khuyencong/api-client';
import type { DossierDocuments, EntryView } from '../../lib/commands.js';

/** The product groups the API takes. */
export type ProductGroup = NonNullable<NonNullable<paths['/api/entries/{id}']['patch']['requestBody']>['content']['application/json']['productGroup']>;
import { unwrap } from '../../lib/errors.js';

/** The instance as the caller may see it (jury blind until closed); its version feeds If-Match. */
export function useInstance(id: string) {
  return useQuery({
    queryKey: ['instance', id, 'state'],
    queryFn: async () => unwrap(await api.GET('/api/instances/{id}', { params: { path: { id } } })),
  });
}

/** Every event of the instance, oldest first. */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ['instance', id, 'history'],
    queryFn: async () => unwrap(await api.GET('/api/instances/{id}/history', { params: { path: { id } } })),
  });
}

/** The recomputed hash chain: shows that no event was altered. */
export function useChain(id: string) {
  return useQuery({
    queryKey: ['instance', id, 'chain'],
    queryFn: async () => unwrap(await api.GET('/api/instances/{id}/chain', { params: { path: { id } } })),
  });
}

/** The entry behind a product-selection instance: product, establishment, dossier documents. */
export function useEntry(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['entry', id],
    enabled,
    queryFn: async (): Promise<EntryView> => unwrap(await api.GET('/api/entries/{id}', { params: { path: { id } } })),
  });
}

/** Saves the dossier's document ids (draft and revision only); the answer replaces the cached entry. */
export function useSaveDossier(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (dossier: DossierDocuments): Promise<EntryView> =>
      unwrap(await api.PUT('/api/entries/{id}/dossier', { params: { path: { id } }, body: dossier })),
    onSuccess: (entry) => queryClient.setQueryData(['entry', id], entry),
  });
}

/** The applicant corrects the product's name or group (draft and revision only), at the version they saw. */
export function useUpdateEntry(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { version: number; productName?: string; productGroup?: ProductGroup }): Promise<EntryView> => {
      const { version, ...body } = input;
      return unwrap(await api.PATCH('/api/entries/{id}', { params: { path: { id }, header: { 'If-Match': String(version) } }, body }));
    },
    onSuccess: (entry) => {
      queryClient.setQueryData(['entry', id], entry);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['instance', id] }), queryClient.invalidateQueries({ queryKey: ['entries'] })]);
    },
  });
}
