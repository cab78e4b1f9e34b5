import { type EntityManager } from 'typeorm';
import { returnedRows } from '../returned-rows.js';
import { type SchemeDocumentKind } from './scheme-store.js';

/** Who uploaded a document and for which organisation (the checks before it is attached to a scheme). */
export interface SchemeDocumentUpload {
  uploaded_by: string | null;
  owner_organisation_id: string | null;
}

/** The documents attached to schemes (scheme_documents) and the uploads they point to. */
export class SchemeDocumentStore {
  /** The uploader and owning organisation of a document; undefined when there is no such document. */
  async findUpload(manager: EntityManager, documentId: string): Promise<SchemeDocumentUpload | undefined> {
    const [document] = await manager.query<SchemeDocumentUpload[]>(`SELECT uploaded_by, owner_organisation_id FROM documents WHERE id = $1`, [documentId]);
    return document;
  }

  async attach(manager: EntityManager, schemeId: string, documentId: string, kind: SchemeDocumentKind, addedBy: string): Promise<void> {
    await manager.query(`INSERT INTO scheme_documents (scheme_id, document_id, kind, added_by) VALUES ($1, $2, $3, $4)`, [schemeId, documentId, kind, addedBy]);
  }

  /** Detaches the document; returns the kind it had, or undefined when the scheme did not have it. */
  async detach(manager: EntityManager, schemeId: string, documentId: string): Promise<string | undefined> {
    const [removed] = returnedRows<{ kind: string }>(
      await manager.query(`DELETE FROM scheme_documents WHERE scheme_id = $1 AND document_id = $2 RETURNING kind`, [schemeId, documentId]),
    );
    return removed?.kind;
  }
}
