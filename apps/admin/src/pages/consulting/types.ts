import type { paths } from '@khuyencong/api-client';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer J } } } } } ? J : never;

export type EngagementPage = Ok<'/api/consulting/engagements'>;
export type Engagement = Ok<'/api/consulting/engagements/{id}'>;
export type Revenue = Engagement['revenues'][number];
export type ConsultingPlan = Ok<'/api/consulting/plans/{provinceCode}/{year}'>;

/** Who records engagements and revenue (the API's keepers); everyone who reads consulting may set a yearly plan. */
export const KEEPER_ROLES = ['provincial_officer', 'admin'];
export const CONSULTING_ROLES = ['provincial_officer', 'central_officer', 'admin'];
