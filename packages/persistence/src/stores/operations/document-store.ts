import { type EntityManager } from 'typeorm';

/** A documents row (bytes live in the blob store under `storage_key`'s blob part). */
export interface DocumentRow {
  id: string;
  sha256: string;
  size_bytes: string;
  mime_type: string;
  original_name: string;
  owner_organisation_id: string | null;
  uploaded_by: string | null;
  created_at: Date;
}

/** The row an upload inserts. */
export interface NewDocument {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  originalName: string;
  /** The blob's key; the row stores "<blob key>#<row id>". */
  blobKey: string;
  ownerOrganisationId: string | null;
  uploadedBy: string;
}

/** Where an organisation owning documents sits, for matching against role grants. */
export interface DocumentOwnerScope {
  id: string;
  communeCode: string | null;
  provinceCode: string | null;
  /** The organisation's province and the units it was merged into (2025 reform): a grant on either covers it. */
  provinceCodes: string[];
  /** Regions the province (or the unit it became) belongs to today. */
  regionCodes: string[];
}

/** Uploaded documents and the facts their access rules read (who owns them, whose dossiers hold them). */
export class DocumentStore {
  /**
   * Serialises uploads of the same bytes by one uploader for one owner until the transaction ends, so the look-up
   * and the insert that follow are atomic (8 identical uploads at once store one row).
   */
  async lockUpload(manager: EntityManager, sha256: string, uploadedBy: string, ownerOrganisationId: string | null): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`document:${sha256}:${uploadedBy}:${ownerOrganisationId ?? ''}`]);
  }

  /** The first document with these bytes, uploader and owner, if any. */
  async findUploaded(manager: EntityManager, sha256: string, uploadedBy: string, ownerOrganisationId: string | null): Promise<DocumentRow | undefined> {
    const [existing] = await manager.query<DocumentRow[]>(
      `SELECT * FROM documents WHERE sha256 = $1 AND uploaded_by = $2 AND owner_organisation_id IS NOT DISTINCT FROM $3 ORDER BY created_at LIMIT 1`,
      [sha256, uploadedBy, ownerOrganisationId],
    );
    return existing;
  }

  async insert(manager: EntityManager, document: NewDocument): Promise<DocumentRow> {
    const [row] = await manager.query<DocumentRow[]>(
      // storage_key is unique per row while blobs are shared: each row keeps "<blob key>#<row id>".
      `INSERT INTO documents (id, sha256, size_bytes, mime_type, original_name, storage_key, owner_organisation_id, uploaded_by)
       SELECT id, $1, $2, $3, $4, $5 || '#' || id, $6, $7 FROM (SELECT gen_random_uuid() AS id) AS fresh
       RETURNING *`,
      [document.sha256, document.sizeBytes, document.mimeType, document.originalName, document.blobKey, document.ownerOrganisationId, document.uploadedBy],
    );
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  async findById(manager: EntityManager, id: string): Promise<DocumentRow | undefined> {
    const [row] = await manager.query<DocumentRow[]>(`SELECT * FROM documents WHERE id = $1`, [id]);
    return row;
  }

  /** Where an organisation sits (its province's successors and today's regions); undefined when it does not exist. */
  async ownerScope(manager: EntityManager, organisationId: string): Promise<DocumentOwnerScope | undefined> {
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

  /**
   * Whether the user judges or sits on the council of an entry whose dossier holds this document, or on the
   * acceptance council of a scheme that has it.
   */
  async isInAssignedDossier(manager: EntityManager, documentId: string, userId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM entries e JOIN workflow_instances i ON i.id = e.instance_id
        WHERE strpos(e.dossier::text, $1) > 0
          AND ((i.state->'jury'->'judges') ? $2 OR (i.state->'council'->'members') ? $2)
       UNION ALL
       SELECT 1 FROM scheme_documents sd JOIN schemes s ON s.id = sd.scheme_id JOIN workflow_instances i ON i.id = s.instance_id
        WHERE sd.document_id::text = $1 AND (i.state->'council'->'members') ? $2
        LIMIT 1`,
      [documentId, userId],
    );
    return rows.length > 0;
  }
}
