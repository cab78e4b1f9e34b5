import { type EntityManager } from 'typeorm';
import { type Actor } from '../common/actor.js';
import { coveredUnits } from '../selection/shared/scope.js';

interface OrganisationScope {
  id: string;
  communeCode: string | null;
  provinceCode: string | null;
  /** The organisation's province and the units it was merged into (2025 reform): a grant on either covers it. */
  provinceCodes: string[];
  /** Regions the province (or the unit it became) belongs to today. */
  regionCodes: string[];
}

/** Where an organisation sits, for matching against role grants; undefined when it does not exist. */
export async function loadOrganisationScope(manager: EntityManager, organisationId: string): Promise<OrganisationScope | undefined> {
  const rows = await manager.query<{ id: string; commune_code: string | null; province_code: string | null; successors: string[]; regions: string[] }[]>(
    `WITH o AS (SELECT id, commune_code, province_code FROM organisations WHERE id = $1),
          units AS (SELECT province_code AS code FROM o UNION SELECT s.to_code FROM unit_successions s, o WHERE s.from_code = o.province_code)
     SELECT o.id, o.commune_code, o.province_code,
            COALESCE((SELECT array_agg(code) FROM units WHERE code IS DISTINCT FROM o.province_code), '{}') AS successors,
            COALESCE((SELECT array_agg(DISTINCT m.region_code) FROM region_memberships m
                       WHERE m.unit_code IN (SELECT code FROM units)
                         AND m.valid_from <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                         AND (m.valid_to IS NULL OR m.valid_to >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)), '{}') AS regions
       FROM o`,
    [organisationId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    communeCode: row.commune_code,
    provinceCode: row.province_code,
    provinceCodes: [row.province_code, ...row.successors].filter((code): code is string => code !== null),
    regionCodes: row.regions,
  };
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
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM entries e JOIN workflow_instances i ON i.id = e.instance_id
      WHERE strpos(e.dossier::text, $1) > 0
        AND ((i.state->'jury'->'judges') ? $2 OR (i.state->'council'->'members') ? $2)
     UNION ALL
     SELECT 1 FROM scheme_documents sd JOIN schemes s ON s.id = sd.scheme_id JOIN workflow_instances i ON i.id = s.instance_id
      WHERE sd.document_id::text = $1 AND (i.state->'council'->'members') ? $2
      LIMIT 1`,
    [documentId, actor.userId],
  );
  return rows.length > 0;
}
