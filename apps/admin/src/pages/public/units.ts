// Today's administrative units for the public forms and filters: provinces by name from the label source, communes
// (xã, phường, đặc khu) of a province by name from the seeded list of units in force.
import { useQuery } from '@tanstack/react-query';
import { LABELS } from '../../i18n/labels/index.js';
import type { Locale } from '../../lib/format.js';
import { loadCommunes, searchable } from '../../i18n/communes.js';

/** A unit in force today, to choose by name. */
export interface UnitOption {
  value: string;
  label: string;
}

/** The 34 provinces since the 2025 reform (slugs ending in -2025), sorted by their name in the language. */
export function currentProvinces(locale: Locale): UnitOption[] {
  return Object.entries(LABELS.province)
    .filter(([code]) => code.endsWith('-2025'))
    .map(([code, names]) => ({ value: code, label: names[locale] }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

/** The communes in force, grouped by province and sorted by name (from the one commune list, i18n/communes.ts). */
async function communesByProvince(): Promise<Map<string, UnitOption[]>> {
  const { list } = await loadCommunes();
  const byProvince = new Map<string, UnitOption[]>();
  for (const commune of list) {
    const options = byProvince.get(commune.provinceCode) ?? [];
    options.push({ value: commune.code, label: commune.name });
    byProvince.set(commune.provinceCode, options);
  }
  for (const options of byProvince.values()) options.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return byProvince;
}

/** The communes of today's units, grouped by province (loaded once per page load). */
export function useCommunes() {
  return useQuery({ queryKey: ['units', 'communes-2026'], staleTime: Infinity, gcTime: Infinity, queryFn: communesByProvince });
}

/** Filters a Select's options by name, ignoring accents and case ("ia ly" finds "Xã Ia Ly"). */
export function matchesName(input: string, option: { label?: unknown } | undefined): boolean {
  return typeof option?.label === 'string' && searchable(option.label).includes(searchable(input));
}

/** The province (today's slug) a commune of today belongs to, once the communes are loaded. */
export function provinceOfCommune(byProvince: Map<string, UnitOption[]> | undefined, communeCode: string): string | undefined {
  for (const [province, communes] of byProvince ?? []) if (communes.some((commune) => commune.value === communeCode)) return province;
  return undefined;
}
