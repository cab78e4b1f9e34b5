import type { paths } from '@khuyencong/api-client';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer J } } } } } ? J : never;

export type PlanDetail = Ok<'/api/plans/{id}'>;
export type PlanVersion = PlanDetail['versions'][number];
export type PlanLine = PlanDetail['lines'][number];
