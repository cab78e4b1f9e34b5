import { api } from './api.js';
import { unwrap } from './errors.js';

/** Uploads one file through the generated client; the API sniffs its content and answers 413/415/422 with why. */
export async function uploadDocument(file: File) {
  return unwrap(
    await api.POST('/api/documents', {
      body: { file: file.name },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
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
