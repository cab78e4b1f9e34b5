import type { paths } from '@khuyencong/api-client';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export type RoundList = Json<'/api/rounds', 'get'>;
export type Round = RoundList['items'][number];
export type CreateRoundBody = NonNullable<paths['/api/rounds']['post']['requestBody']>['content']['application/json'];
export type RoundStatus = Round['status'];
export type RoundResults = Json<'/api/rounds/{id}/results', 'get'>;
export type RoundResult = RoundResults['items'][number];
export type Decision = Json<'/api/rounds/{id}/decision', 'post'>;
export type CertificateList = Json<'/api/certificates', 'get'>;
export type Certificate = CertificateList['items'][number];
export type EligiblePeople = Json<'/api/rounds/{id}/eligible-people', 'get'>;
export type EligiblePerson = EligiblePeople['items'][number];
export type EligibleRole = 'judge' | 'council_member' | 'council_chair';

/** The statuses an organiser may move a round to by hand, as the API allows (`decided` comes with the decision). */
export const NEXT_STATUSES: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  planned: ['open'],
  open: ['closed'],
  closed: ['open', 'judging'],
  judging: [],
  decided: ['archived'],
  archived: [],
};

/** Stages of an entry before the recognition decision: still in progress when the decision is issued. */
export const IN_PROGRESS_STAGES: ReadonlySet<string> = new Set(['draft', 'screening', 'revision', 'scoring', 'council_review']);

/** The role that organises rounds of each level (central officers hold a national grant). */
export const ORGANISER_ROLE = { commune: 'commune_officer', province: 'provincial_officer', region: 'central_officer', national: 'central_officer' } as const;
