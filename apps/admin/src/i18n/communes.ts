// Today's communes (3,321 after the 1 July 2025 reform) by official code, for showing a commune by name and for
// choosing one by name. The list is its own chunk, loaded on first use, so the login page does not carry it.
import { useSyncExternalStore } from 'react';

export interface CommuneRef {
  /** The 5-digit official code. */
  code: string;
  /** "Xã Ia Ly", "Phường Ba Đình". */
  name: string;
  /** The province slug after the reform, e.g. gia-lai-2025. */
  provinceCode: string;
}

export interface ProvinceRef {
  /** The slug after the reform, e.g. gia-lai-2025. */
  code: string;
  officialCode: string;
  /** "Tỉnh Gia Lai". */
  name: string;
}

interface Loaded {
  provinces: readonly ProvinceRef[];
  list: readonly CommuneRef[];
  byCode: ReadonlyMap<string, CommuneRef>;
}

/** Lower-case text without Vietnamese diacritics, so "ia ly" finds "Xã Ia Ly" and "dak lak" finds "Đắk Lắk". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

let loaded: Loaded | null = null;
let loading: Promise<Loaded> | null = null;
const listeners = new Set<() => void>();

/** Loads the list once; every caller shares the same promise. */
export function loadCommunes(): Promise<Loaded> {
  loading ??= import('../../../../packages/persistence/data/communes-2026.json').then((module) => {
    const list: readonly CommuneRef[] = module.default.communes;
    loaded = { provinces: module.default.provinces, list, byCode: new Map(list.map((commune) => [commune.code, commune])) };
    for (const listener of listeners) listener();
    return loaded;
  });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void loadCommunes();
  return () => listeners.delete(listener);
}

/** The commune's name once the list is loaded, else null (callers show a neutral placeholder meanwhile). */
export function communeName(code: string): string | null {
  return loaded?.byCode.get(code)?.name ?? null;
}

/** The communes, loading them on first use; re-renders the caller when they arrive. */
export function useCommunes(): {
  ready: boolean;
  provinces: readonly ProvinceRef[];
  all: readonly CommuneRef[];
  name: (code: string) => string | null;
  ofProvince: (provinceCode: string) => readonly CommuneRef[];
} {
  const state = useSyncExternalStore(subscribe, () => loaded);
  return {
    ready: state !== null,
    provinces: state?.provinces ?? [],
    all: state?.list ?? [],
    name: (code) => state?.byCode.get(code)?.name ?? null,
    ofProvince: (provinceCode) => (state ? state.list.filter((commune) => commune.provinceCode === provinceCode) : []),
  };
}
