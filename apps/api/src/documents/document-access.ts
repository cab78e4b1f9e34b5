import { type EntityManager } from 'typeorm';
import { DocumentStore, type DocumentOwnerScope } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { coveredUnits } from '../selection/shared/scope.js';

type OrganisationScope = DocumentOwnerScope;

const documents = new DocumentStore();

/** Where an organisation sits, for matching against role grants; undefined when it does not exist. */
export function loadOrganisationScope(manager: EntityManager, organisationId: string): Promise<OrganisationScope | undefined> {
  return documents.ownerScope(manager, organisationId);
}

/** Judges and council members see by assignment only: their (national) grants do not open anyone's files. */
const ASSIGNMENT_ROLES: ReadonlySet<string> = new Set(['judge', 'council_member', 'council_chair']);

/** Whether any of the actor's scope-bearing grants covers the organisation's scope (the route decides the role). */
export function grantsCover(actor: Actor, organisation: OrganisationScope): boolean {
  return actor.grants.some((grant) => {
    if (ASSIGNMENT_ROLES.has(grant.role)) return false;
    switch (grant.scopeType) {
      case 'national':
        return true;
      case 'establishment':
        return grant.scopeId === organisation.id;
      case 'commune':
        return organisation.communeCode !== null && coveredUnits(grant).includes(organisation.communeCode);
      case 'province':
        // The grant's province and those it succeeded (Grant.scopeIds), or a unit the organisation's became.
        return coveredUnits(grant).some((code) => organisation.provinceCodes.includes(code));
      case 'region':
        return grant.scopeId !== null && organisation.regionCodes.includes(grant.scopeId);
    }
  });
}

/** Whether the actor judges or sits on the council of an entry whose dossier holds this document, or on the acceptance council of a scheme that has it. */
export async function assignedToDossierOf(manager: EntityManager, actor: Actor, documentId: string): Promise<boolean> {
  if (!actor.grants.some((grant) => ASSIGNMENT_ROLES.has(grant.role))) return false;
  return documents.isInAssignedDossier(manager, documentId, actor.userId);
}
