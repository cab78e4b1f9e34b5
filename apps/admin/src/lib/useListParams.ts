import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Page sizes a list offers (the API caps each list; 100 is within every cap). */
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Years to filter by: from the programme's start (2021) to next year, newest first. */
export function listYears(): string[] {
  const last = new Date().getFullYear() + 1;
  return Array.from({ length: last - 2020 }, (_, index) => String(last - index));
}

/** What a list keeps in its URL: search, filters, sort, direction and page. */
export interface ListParams<F extends string> {
  q: string | undefined;
  filters: Partial<Record<F, string>>;
  sort: string | undefined;
  order: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The list state's parts, for the toolbar and the pager. */
export interface ListState<F extends string> extends ListParams<F> {
  /** Sets (or clears) the search text or a filter; back to page 1. */
  set: (name: F | 'q', value: string | undefined) => void;
  setSort: (sort: string | undefined, order: 'asc' | 'desc' | undefined) => void;
  setPage: (page: number, pageSize: number) => void;
  /** Clears search, filters and sort. */
  reset: () => void;
  /** The API's paging parameters: limit, offset, and q/sort/order when set. */
  query: { limit: number; offset: number; q?: string; sort?: string; order?: 'asc' | 'desc' };
}

const positive = (text: string | null, fallback: number) => {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/**
 * A list's search, filters, sort and page kept in the URL (`?q=ca+phe&stage=scoring&sort=due&page=2`), so a list
 * can be bookmarked and shared, a reload keeps it and the back button returns to the previous filters: every
 * change is a new history entry. Unknown parameters are left alone; the API validates what is sent.
 */
export function useListParams<F extends string>(filterNames: readonly F[], defaultPageSize = 20): ListState<F> {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      }),
    [setParams],
  );
  const state = useMemo(() => {
    const q = params.get('q') ?? undefined;
    const filters: Partial<Record<F, string>> = {};
    for (const name of filterNames) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    const order = params.get('order');
    const page = positive(params.get('page'), 1);
    const size = positive(params.get('size'), defaultPageSize);
    const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultPageSize;
    return {
      q,
      filters,
      sort: params.get('sort') ?? undefined,
      order: order === 'asc' || order === 'desc' ? order : undefined,
      page,
      pageSize,
    } satisfies ListParams<F>;
    // filterNames is a constant list per page.
  }, [params, defaultPageSize]);
  return {
    ...state,
    set: (name, value) =>
      update((next) => {
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete('page');
      }),
    setSort: (sort, order) =>
      update((next) => {
        for (const [key, value] of [
          ['sort', sort],
          ['order', order],
        ] as const) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete('page');
      }),
    setPage: (page, pageSize) =>
      update((next) => {
        if (page > 1) next.set('page', String(page));
        else next.delete('page');
        if (pageSize !== defaultPageSize) next.set('size', String(pageSize));
        else next.delete('size');
      }),
    reset: () =>
      update((next) => {
        for (const name of ['q', 'sort', 'order', 'page', ...filterNames]) next.delete(name);
      }),
    query: {
      limit: state.pageSize,
      offset: (state.page - 1) * state.pageSize,
      ...(state.q ? { q: state.q } : {}),
      ...(state.sort ? { sort: state.sort } : {}),
      ...(state.order ? { order: state.order } : {}),
    },
  };
}
