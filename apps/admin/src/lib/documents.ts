import { useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { api } from './api.js';
import { ApiError, unwrap } from './errors.js';

/** What the upload route accepts (GET /api/documents/rules): stated to the user before they choose a file. */
export type DocumentRules = paths['/api/documents/rules']['get']['responses'][200]['content']['application/json'];

/** The accepted types and size, read once per session. */
export function useDocumentRules() {
  return useQuery({
    queryKey: ['documents', 'rules'],
    queryFn: async () => unwrap(await api.GET('/api/documents/rules')),
    staleTime: Infinity,
  });
}

/** `PDF, JPG, PNG` — the accepted extensions, upper case, without dots, each once. */
export function typeNames(rules: DocumentRules, only?: (mimeType: string) => boolean): string {
  const names = rules.types
    .filter((type) => !only || only(type.mimeType))
    .flatMap((type) => type.extensions.map((extension) => extension.replace(/^\./, '').toUpperCase()));
  return [...new Set(names)].join(', ');
}

/** The `accept` attribute of a file input for these rules. */
export function acceptOf(rules: DocumentRules | undefined, only?: (mimeType: string) => boolean): string | undefined {
  if (!rules) return undefined;
  return rules.types
    .filter((type) => !only || only(type.mimeType))
    .flatMap((type) => [type.mimeType, ...type.extensions])
    .join(',');
}

/** `2,5 MB` in the user's language. */
export function formatSize(bytes: number, locale: 'vi' | 'en'): string {
  const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(tag, { maximumFractionDigits: 0 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(tag, { maximumFractionDigits: 1 })} MB`;
}

/** Why a file would be refused before it is sent: its type (by extension or declared type) or its size. */
export function refusalOf(file: File, rules: DocumentRules, only?: (mimeType: string) => boolean): 'type' | 'size' | null {
  const allowed = rules.types.filter((type) => !only || only(type.mimeType));
  const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
  const known = allowed.some((type) => type.extensions.includes(extension) || (file.type !== '' && type.mimeType === file.type));
  if (!known) return 'type';
  if (file.size > rules.maxBytes) return 'size';
  return null;
}

/** Whether the API refused an upload for its type (415) or its size (413). */
export function uploadRefusal(error: unknown): 'type' | 'size' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 415) return 'type';
  if (error.status === 413) return 'size';
  return null;
}

/**
 * Uploads one file through the generated client, owned by the given establishment (the applicant's by default);
 * the API sniffs its content and answers 413/415/422 with why.
 */
export async function uploadDocument(file: File, organisationId?: string) {
  return unwrap(
    await api.POST('/api/documents', {
      body: { file: file.name, ...(organisationId ? { organisationId } : {}) },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        if (organisationId) form.append('organisationId', organisationId);
        return form;
      },
    }),
  );
}

/** Downloads a document as a blob URL (the API needs the bearer token, so a plain link would not do). */
export async function documentUrl(id: string): Promise<string> {
  const result = await api.GET('/api/documents/{id}', { params: { path: { id } }, parseAs: 'blob' });
  return URL.createObjectURL(unwrap(result));
}
