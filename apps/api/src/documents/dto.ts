import { z } from 'zod';

export const DocumentResponse = z.object({
  id: z.string().uuid(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().positive(),
  mimeType: z.string(),
  originalName: z.string(),
  ownerOrganisationId: z.string().uuid().nullable(),
  uploadedBy: z.string().uuid().nullable(),
  createdAt: z.string().describe('ISO 8601 timestamp'),
  deduplicated: z.boolean().describe('True when the same uploader had already stored this content for this owner: the existing document is returned'),
});
export type DocumentResponse = z.output<typeof DocumentResponse>;

export const DocumentIdParam = z.string().uuid('Mã tài liệu không hợp lệ / Not a document id');

export const UploadFields = z.object({
  organisationId: z.string().uuid().optional().describe("Owner organisation; defaults to the uploader's establishment"),
});
export type UploadFields = z.output<typeof UploadFields>;

/** The multipart body, for the OpenAPI document only (multer parses it). */
export const uploadBodySchema = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'PDF, JPEG, PNG, WebP, DOCX or XLSX' },
    organisationId: { type: 'string' as const, format: 'uuid', description: "Owner organisation; defaults to the uploader's establishment" },
  },
};

/** What the upload route accepts: its size limit and the types it recognises by content. */
export const DocumentRules = z.object({
  maxBytes: z.number().int().positive(),
  types: z.array(z.object({ mimeType: z.string(), extensions: z.array(z.string()) })),
});
export type DocumentRules = z.output<typeof DocumentRules>;
