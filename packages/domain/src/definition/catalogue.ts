import { DomainError } from '../errors.js';
import { loadDefinition, type ValidDefinition } from './validate.js';

/** The published definitions (every version of every code). Published versions never change. */
export type Catalogue = readonly ValidDefinition[];

/** The latest published version of a workflow, if any. */
export function latestVersion(catalogue: Catalogue, code: string): ValidDefinition | undefined {
  return catalogue
    .filter((definition) => definition.code === code)
    .reduce<ValidDefinition | undefined>((latest, next) => (latest && latest.version > next.version ? latest : next), undefined);
}

/** The exact version an instance runs on. */
export function findDefinition(catalogue: Catalogue, code: string, version: number): ValidDefinition | undefined {
  return catalogue.find((definition) => definition.code === code && definition.version === version);
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/**
 * Publishes a new version: it must validate, and its version must be greater than every published version
 * of the same code. Republishing an identical version is a no-op (safe to retry); changing a published
 * version is refused.
 */
export function publishDefinition(catalogue: Catalogue, candidate: unknown): Catalogue {
  const definition = loadDefinition(candidate);
  const existing = findDefinition(catalogue, definition.code, definition.version);
  if (existing) {
    if (canonical(existing) === canonical(definition)) return catalogue;
    throw new DomainError('DEFINITION_IMMUTABLE', { code: definition.code, version: definition.version });
  }
  const latest = latestVersion(catalogue, definition.code);
  if (latest && latest.version > definition.version) {
    throw new DomainError('VERSION_NOT_INCREASING', { latest: latest.version, given: definition.version });
  }
  return [...catalogue, definition];
}
