import { type EntityManager } from 'typeorm';
import { type AuditService } from '../../audit/audit.service.js';
import { type Actor } from '../../common/actor.js';
import { type ImportColumn, type SheetRow } from '../sheet.js';

export const IMPORT_KINDS = ['establishments', 'plan-lines', 'consulting-revenues'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** What a valid row did (or, in a dry run, would do). */
export type WrittenOutcome = 'created' | 'updated' | 'unchanged';

export interface RowResult {
  outcome: WrittenOutcome;
  /** What the row is, in words (the establishment's name, "CG1 · Địa phương · 2026"…). */
  label: string;
}

export interface ImportRun {
  tx: EntityManager;
  actor: Actor;
  audit: AuditService;
}

/**
 * One kind of import: its columns, and per file a row handler that checks a row and writes it inside the run's
 * transaction, throwing RowRefused (or a service's HttpException) when the row cannot be imported.
 */
export interface ImportKind {
  name: ImportKindName;
  /** "Danh sách cơ sở CNNT": the template's title and file name. */
  title: string;
  fileName: string;
  columns: readonly ImportColumn[];
  /** Which column a service's error code is about (UNKNOWN_UNIT → the commune column). */
  columnOfCode: Readonly<Record<string, string>>;
  /** Whether the actor may import this kind at all (the row handler checks each row's unit). */
  allowed(actor: Actor): boolean;
  start(run: ImportRun): Promise<(row: SheetRow) => Promise<RowResult>>;
}
