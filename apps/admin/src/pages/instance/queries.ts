import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
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
