import type { paths } from '@khuyencong/api-client';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';

export type ImportKind = paths['/api/imports/{kind}/dry-run']['post']['parameters']['path']['kind'];
export type ImportReport = paths['/api/imports/{kind}/dry-run']['post']['responses'][200]['content']['application/json'];
export type ImportRow = ImportReport['rows'][number];
export type Outcome = ImportRow['outcome'];

export const IMPORT_KINDS: readonly ImportKind[] = ['establishments', 'plan-lines', 'consulting-revenues'];
export const OUTCOMES: readonly Outcome[] = ['created', 'updated', 'unchanged', 'refused'];

/**
 * A fetch over XMLHttpRequest, for the one reason fetch cannot serve: the upload's progress. The generated client
 * builds the request (path, token, multipart body); this only sends it and reports the bytes sent.
 */
function fetchWithUploadProgress(onProgress: (percent: number) => void): typeof fetch {
  return async (input) => {
    const request = input instanceof Request ? input : new Request(input);
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
      };
      xhr.upload.onload = () => onProgress(100);
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        resolve(new Response(xhr.response as Blob, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('Network error'));
      xhr.send(body);
    });
  };
}

const formOf = (file: File) => () => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** Sends the file for a dry run: what each row would do, nothing written. */
export async function dryRun(kind: ImportKind, file: File, onProgress: (percent: number) => void): Promise<ImportReport> {
  return unwrap(
    await api.POST('/api/imports/{kind}/dry-run', {
      params: { path: { kind } },
      body: { file: file.name },
      bodySerializer: formOf(file),
      fetch: fetchWithUploadProgress(onProgress),
    }),
  );
}

/** Sends the file again to write every valid row in one transaction. */
export async function applyImport(kind: ImportKind, file: File, onProgress: (percent: number) => void): Promise<ImportReport> {
  return unwrap(
    await api.POST('/api/imports/{kind}/apply', {
      params: { path: { kind } },
      body: { file: file.name },
      bodySerializer: formOf(file),
      fetch: fetchWithUploadProgress(onProgress),
    }),
  );
}

/** Downloads a template (the API needs the bearer token, so a plain link would not do). */
export async function downloadTemplate(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<void> {
  const blob = unwrap(await api.GET('/api/imports/{kind}/template', { params: { path: { kind }, query: { format } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `mau-nhap-${kind}.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
