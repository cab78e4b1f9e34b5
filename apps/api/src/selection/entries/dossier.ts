import { EntryStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { unprocessable } from '../shared/errors.js';
import { DOSSIER_PARTS, type Dossier, type EntryDocument } from './dto.js';

type DossierPart = (typeof DOSSIER_PARTS)[number];

const entries = new EntryStore();

/** The checklist the engine's `dossier_complete` rule reads, computed from stored documents — never from the client. */
export interface DossierChecklist {
  registrationForm: boolean;
  businessRegistration: boolean;
  productDescription: boolean;
  photoCount: number;
  [key: string]: boolean | number;
}

/** Every document id a dossier names. */
export function documentIds(dossier: Partial<Dossier>): string[] {
  const single = [dossier.registrationForm, dossier.businessRegistration, dossier.productDescription].filter((id): id is string => typeof id === 'string');
  return [...single, ...(dossier.photos ?? []), ...(dossier.others ?? [])];
}

/**
 * Refuses a dossier naming documents that do not exist or belong to another establishment: a dossier may only
 * use the establishment's own files (or files the caller uploaded for it).
 */
export async function checkDossierDocuments(manager: EntityManager, dossier: Partial<Dossier>, establishmentId: string): Promise<void> {
  const ids = [...new Set(documentIds(dossier))];
  if (ids.length === 0) return;
  const rows = await entries.findOwnedDocuments(manager, ids, establishmentId);
  const found = new Map(rows.map((row) => [row.id, row.mimeType]));
  const foreign = ids.filter((id) => !found.has(id));
  if (foreign.length > 0) {
    throw unprocessable('DOCUMENT_NOT_USABLE', 'Tài liệu không tồn tại hoặc không thuộc cơ sở / Documents missing or not the establishment’s', {
      documents: foreign,
    });
  }
  const notImages = (dossier.photos ?? []).filter((id) => !found.get(id)?.startsWith('image/'));
  if (notImages.length > 0) throw unprocessable('PHOTO_NOT_IMAGE', 'Ảnh sản phẩm phải là tệp ảnh / Product photos must be images', { documents: notImages });
}

/** The checklist of a stored dossier (its documents were checked when it was saved). */
export function checklistOf(dossier: Record<string, unknown>): DossierChecklist {
  const has = (field: string) => typeof dossier[field] === 'string';
  const photos = Array.isArray(dossier.photos) ? new Set(dossier.photos.filter((id) => typeof id === 'string')).size : 0;
  return {
    registrationForm: has('registrationForm'),
    businessRegistration: has('businessRegistration'),
    productDescription: has('productDescription'),
    photoCount: photos,
  };
}

/** The dossier's files with their part, name, type and size, in part order; ids without a stored file are left out. */
export async function dossierDocuments(manager: EntityManager, dossier: Record<string, unknown>): Promise<EntryDocument[]> {
  const named: { id: string; part: DossierPart }[] = [];
  for (const part of DOSSIER_PARTS) {
    const value = dossier[part];
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) if (typeof id === 'string') named.push({ id, part });
  }
  if (named.length === 0) return [];
  const rows = await entries.findDocuments(manager, [...new Set(named.map((item) => item.id))]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return named.flatMap(({ id, part }) => {
    const row = byId.get(id);
    return row ? [{ id, part, fileName: row.originalName, mimeType: row.mimeType, sizeBytes: row.sizeBytes }] : [];
  });
}
