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
export type RoundResults = Json<'/api/rounds/{id}/results', 'get'>;
export type Decision = Json<'/api/rounds/{id}/decision', 'post'>;
export type CertificateList = Json<'/api/certificates', 'get'>;
export type Certificate = CertificateList['items'][number];
