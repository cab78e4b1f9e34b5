// Server state of the scheme screens: the choices of the form (units, rules in force), the council people of a
// scheme, and the scheme's commands. A refusal keeps the rule and the line the API named (422).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@khuyencong/api-client';
import { api } from '../../lib/api.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import type { Scheme } from './types.js';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer J } } } } } ? J : never;
export type SchemeRules = Ok<'/api/schemes/rules'>;
export type SupportRule = SchemeRules['supportRules'][number];
export type AdvanceRule = SchemeRules['advanceRules'][number];
export type ImplementingUnit = Ok<'/api/schemes/implementing-units'>['items'][number];
export type SchemePerson = Ok<'/api/schemes/{id}/eligible-people'>['items'][number];
export type CreateSchemeBody = NonNullable<paths['/api/schemes']['post']['requestBody']>['content']['application/json'];
export type UpdateSchemeBody = NonNullable<paths['/api/schemes/{id}']['put']['requestBody']>['content']['application/json'];

/** The rule a 422 named, and the line it concerns (1-based) when it is about a budget line. */
export interface NamedRule {
  code: string;
  basis: string;
  citation?: string;
}

/** An API refusal that names a rule: the message, the rule and, for a budget line, its number. */
export class RuleRefusal extends ApiError {
  constructor(
    base: ApiError,
    readonly rule: NamedRule | null,
    readonly line: number | null,
  ) {
    super(base.status, base.code, base.messageVi, base.messageEn, base.requestId);
  }
}

/** Like `unwrap`, but a refusal keeps the rule and line of its body. */
export function unwrapNamed<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  const body = (result.error && typeof result.error === 'object' ? result.error : {}) as { rule?: NamedRule; details?: { line?: number } };
  throw new RuleRefusal(
    ApiError.from(result.response.status, result.error),
    body.rule ?? null,
    typeof body.details?.line === 'number' ? body.details.line : null,
  );
}

export function useSchemeRules(provinceCode: string | undefined, year: number | undefined, fundingSource: 'NATIONAL' | 'LOCAL' | undefined) {
  return useQuery({
    queryKey: ['scheme-rules', provinceCode, year, fundingSource],
    enabled: Boolean(provinceCode && year && year >= 2021 && year <= 2100 && fundingSource),
    staleTime: 5 * 60_000,
    queryFn: async () =>
      unwrap(await api.GET('/api/schemes/rules', { params: { query: { provinceCode: provinceCode!, year: year!, fundingSource: fundingSource! } } })),
  });
}

export function useImplementingUnits(provinceCode: string | undefined) {
  return useQuery({
    queryKey: ['implementing-units', provinceCode],
    enabled: Boolean(provinceCode),
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/schemes/implementing-units', { params: { query: { provinceCode: provinceCode! } } })),
  });
}

export function useSchemePeople(schemeId: string, role: 'council_member' | 'council_chair', q: string) {
  return useQuery({
    queryKey: ['scheme-people', schemeId, role, q],
    queryFn: async () =>
      unwrap(await api.GET('/api/schemes/{id}/eligible-people', { params: { path: { id: schemeId }, query: { role, ...(q ? { q } : {}) } } })),
  });
}

export function useScheme(id: string, enabled = true) {
  return useQuery({ queryKey: ['scheme', id], enabled, queryFn: async () => unwrap<Scheme>(await api.GET('/api/schemes/{id}', { params: { path: { id } } })) });
}

export function useCreateScheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateSchemeBody) => unwrapNamed<Scheme>(await api.POST('/api/schemes', { body })),
    onSuccess: (scheme) => {
      queryClient.setQueryData(['scheme', scheme.id], scheme);
      return queryClient.invalidateQueries({ queryKey: ['schemes'] });
    },
  });
}

/** A draft or returned scheme rewritten at the revision the user opened it at (409 STALE_REVISION if someone edited it since). */
export function useUpdateScheme(scheme: Pick<Scheme, 'id' | 'revision'> | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateSchemeBody) =>
      unwrapNamed<Scheme>(
        await api.PUT('/api/schemes/{id}', { params: { path: { id: scheme?.id ?? '' }, header: { 'If-Match': `"${scheme?.revision ?? 1}"` } }, body }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['scheme', updated.id], updated);
      return queryClient.invalidateQueries({ queryKey: ['schemes'] });
    },
  });
}

/** One stage action of a scheme at the version the user saw; a stale version (409) reloads the page's data. */
export function useSchemeCommand(scheme: Scheme) {
  const queryClient = useQueryClient();
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['scheme', scheme.id] }),
      scheme.instanceId ? queryClient.invalidateQueries({ queryKey: ['instance', scheme.instanceId] }) : undefined,
      queryClient.invalidateQueries({ queryKey: ['schemes'] }),
    ]);
  return useMutation({
    mutationFn: async ({ type, payload }: { type: string; payload: Record<string, unknown> }) =>
      unwrapNamed<{ scheme: Scheme }>(
        await api.POST('/api/schemes/{id}/commands/{type}', {
          params: { path: { id: scheme.id, type: type as never }, header: { 'If-Match': String(scheme.version ?? 0), 'Idempotency-Key': newIdempotencyKey() } },
          // The dialog builds the payload of the chosen action; the union's member is the one of `type`.
          body: { type, payload } as components['schemas']['SchemeCommandUnion'],
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(['scheme', scheme.id], result.scheme);
      return reload();
    },
    onError: (error) => (error instanceof ApiError && error.status === 409 ? reload() : undefined),
  });
}

/** Approves the selected schemes into the province's local plan, in one transaction on the server. */
export function useApproveLocalPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (items: { schemeId: string; version: number }[]) => unwrapNamed(await api.POST('/api/schemes/local-plan-approvals', { body: { items } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['schemes'] }), queryClient.invalidateQueries({ queryKey: ['scheme'] })]),
  });
}
