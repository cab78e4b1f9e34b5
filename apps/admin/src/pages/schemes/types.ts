import type { paths } from '@khuyencong/api-client';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer J } } } } } ? J : never;

export type SchemeList = Ok<'/api/schemes'>;
export type SchemeSummary = SchemeList['items'][number];
export type Scheme = Ok<'/api/schemes/{id}'>;
export type PlanList = Ok<'/api/plans'>;
export type Plan = PlanList['items'][number];

/** Stages in which a scheme can be rewritten (PUT /api/schemes/{id} answers 409 SCHEME_LOCKED after them). */
export const EDITABLE_STAGES: ReadonlySet<string> = new Set(['draft', 'revision']);
