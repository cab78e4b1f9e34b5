import { z } from 'zod';
import { IMPORT_KINDS } from './kinds/kind.js';

export const ImportKindParam = z.object({ kind: z.enum(IMPORT_KINDS) });
export const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();
export type TemplateQuery = z.output<typeof TemplateQuery>;

const Problem = z.object({
  column: z.string().describe('The column header; empty for the row as a whole'),
  message: z.string().describe('Why, in Vietnamese'),
});
export const ImportRowView = z.object({
  row: z.number().int().describe('The row number in the sheet (the header is row 1)'),
  outcome: z.enum(['created', 'updated', 'unchanged', 'refused']),
  label: z.string(),
  problems: z.array(Problem),
});
export const ImportReport = z.object({
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(['xlsx', 'csv']),
  /** false: a dry run, nothing was written; true: every valid row was written in one transaction. */
  applied: z.boolean(),
  totals: z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), refused: z.number() }),
  rows: z.array(ImportRowView),
});
export type ImportReport = z.infer<typeof ImportReport>;
export type ImportRowView = z.infer<typeof ImportRowView>;

/** The multipart body, for the OpenAPI document only (multer parses it). */
export const importBodySchema = {
  type: 'object' as const,
  required: ['file'],
  properties: { file: { type: 'string' as const, format: 'binary', description: '.xlsx or UTF-8 .csv (comma or semicolon), the template’s columns' } },
};

export const PlanLinesQuery = z.object({ provinceCode: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) }).strict();
export type PlanLinesQuery = z.output<typeof PlanLinesQuery>;
export const PlanLineView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  year: z.number(),
  contentGroupCode: z.string(),
  contentGroupName: z.string(),
  fundingSource: z.string(),
  fundingSourceName: z.string(),
  plannedAmount: z.number(),
  updatedAt: z.string(),
});
export const PlanLineList = z.object({ items: z.array(PlanLineView), total: z.number() });
export type PlanLineList = z.infer<typeof PlanLineList>;
