import { findDefinition, latestVersion, shippedDefinitions, type Catalogue, type ValidDefinition } from '@khuyencong/domain';
import { type EntityManager } from 'typeorm';

/** Which list an instance of a definition shows up in. */
export function subjectKindOf(definition: ValidDefinition): 'entry' | 'scheme' {
  return definition.code.includes('scheme') ? 'scheme' : 'entry';
}

/** The published definitions this process knows. Instances stay on the version they started with. */
export class DefinitionRegistry {
  constructor(private readonly catalogue: Catalogue = shippedDefinitions) {}

  latest(code: string): ValidDefinition | undefined {
    return latestVersion(this.catalogue, code);
  }

  exact(code: string, version: number): ValidDefinition | undefined {
    return findDefinition(this.catalogue, code, version);
  }

  all(): Catalogue {
    return this.catalogue;
  }

  /** Records every known definition as published (idempotent; published rows are immutable in the database). */
  async publishAll(manager: EntityManager): Promise<void> {
    for (const definition of this.catalogue) {
      await manager.query(
        `INSERT INTO workflow_definitions (code, version, status, body, published_at)
         VALUES ($1, $2, 'published', $3, now()) ON CONFLICT (code, version) DO NOTHING`,
        [definition.code, definition.version, JSON.stringify(definition)],
      );
    }
  }
}
