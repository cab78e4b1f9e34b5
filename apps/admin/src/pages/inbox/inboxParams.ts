import type { paths } from '@khuyencong/api-client';

export type InboxQuery = NonNullable<paths['/api/inbox']['get']['parameters']['query']>;
export type InboxPage = paths['/api/inbox']['get']['responses'][200]['content']['application/json'];
export type InboxTask = InboxPage['items'][number];

export const PAGE_SIZE = 20;

/** Stages where someone works (terminal stages never reach an inbox). */
export const WORK_STAGES = [
  'draft',
  'screening',
  'revision',
  'scoring',
  'council_review',
  'decision',
  'base_appraisal',
  'central_appraisal',
  'awaiting_local_plan',
  'in_plan',
  'in_progress',
  'change_review',
  'acceptance',
  'settlement',
] as const;
export const KINDS = ['entry', 'scheme'] as const;
export const DEADLINES = ['overdue', 'due_soon', 'on_time', 'none'] as const;
export const CLAIMS = ['mine', 'unclaimed', 'others'] as const;
export const SORTS = ['deadline', 'received', 'name'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The inbox query kept in the URL (so a filtered inbox can be bookmarked and shared); unknown values are dropped. */
export function queryFromUrl(params: URLSearchParams): InboxQuery & { page: number } {
  const page = Number(params.get('page'));
  const q = params.get('q')?.trim();
  const kind = oneOf(KINDS, params.get('kind'));
  const stage = oneOf(WORK_STAGES, params.get('stage'));
  const deadline = oneOf(DEADLINES, params.get('deadline'));
  const claim = oneOf(CLAIMS, params.get('claim'));
  return {
    sort: oneOf(SORTS, params.get('sort')) ?? 'deadline',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    limit: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(kind ? { kind } : {}),
    ...(stage ? { stage } : {}),
    ...(deadline ? { deadline } : {}),
    ...(claim ? { claim } : {}),
  };
}
