import type { DossierDocuments, InstanceView, OfferedAction } from '../../lib/commands.js';

/** The engine's `dossier_complete` rule asks for at least this many product photos. */
export const MIN_PHOTOS = 3;

/** Submitting or resubmitting an entry sends its dossier. */
export function isDossierAction(action: OfferedAction, instance: InstanceView): boolean {
  return instance.definitionCode === 'product-selection' && (action.name === 'submit' || action.name === 'resubmit');
}

/** The parts a dossier still lacks before it can be sent, as the engine checks them (mandatory documents, photos). */
export function missingParts(dossier: DossierDocuments): ('registrationForm' | 'businessRegistration' | 'productDescription' | 'photos')[] {
  const missing: ('registrationForm' | 'businessRegistration' | 'productDescription' | 'photos')[] = [];
  for (const part of ['registrationForm', 'businessRegistration', 'productDescription'] as const) if (!dossier[part]) missing.push(part);
  if (new Set(dossier.photos).size < MIN_PHOTOS) missing.push('photos');
  return missing;
}
