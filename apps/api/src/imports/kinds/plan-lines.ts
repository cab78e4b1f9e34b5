// Lines of a province's annual plan: the amount planned per year, content group and funding source.
import { ImportPlanLineStore, type ImportContentGroupRow } from '@khuyencong/persistence';
import { fold } from '../../common/people.js';
import { grantsOf, holds } from '../../selection/shared/scope.js';
import { RowRefused, refuse, type RowProblem } from '../errors.js';
import { type ImportColumn } from '../sheet.js';
import { type ImportKind, type ImportRun } from './kind.js';
import { parseAmount, parseYear, required, unitIndex, type UnitRow } from './values.js';

const C = { province: 'Tỉnh', year: 'Năm', contentGroup: 'Nhóm nội dung', source: 'Nguồn kinh phí', amount: 'Số tiền kế hoạch (đồng)' } as const;

const COLUMNS: ImportColumn[] = [
  {
    key: 'province',
    header: C.province,
    required: true,
    hint: 'Tên tỉnh (ví dụ: Gia Lai) hoặc mã tỉnh chính thức (2 chữ số), trong phạm vi của bạn.',
    text: true,
  },
  { key: 'year', header: C.year, required: true, hint: 'Năm kế hoạch, ví dụ 2026.' },
  { key: 'contentGroup', header: C.contentGroup, required: true, hint: 'Mã nhóm nội dung của chương trình khuyến công (CG1, CG2, …) hoặc tên nhóm.' },
  { key: 'source', header: C.source, required: true, hint: 'Quốc gia hoặc Địa phương (mã NATIONAL / LOCAL).' },
  { key: 'amount', header: C.amount, required: true, hint: 'Số nguyên, đơn vị đồng; ví dụ 1.500.000.000.' },
];

/** The provinces a planner writes for: its provincial officers' and the admin's. */
export const PLAN_LINE_KEEPERS = ['provincial_officer', 'admin'] as const;

type Group = ImportContentGroupRow;

const planLines = new ImportPlanLineStore();

/** A province named in a row, in force during the year (the newest if two are), or a refusal on the column. */
export function pickProvince(found: UnitRow[], column: string, named: string): UnitRow {
  if (found.length === 0) throw refuse(column, `Không có tỉnh "${named}" trong danh mục của năm này`);
  return [...found].sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0]!;
}

export const planLinesKind: ImportKind = {
  name: 'plan-lines',
  title: 'Kế hoạch khuyến công năm theo nhóm nội dung và nguồn kinh phí',
  fileName: 'mau-nhap-ke-hoach',
  columns: COLUMNS,
  columnOfCode: { UNKNOWN_UNIT: C.province, UNIT_NOT_IN_FORCE: C.province, PLAN_LINE_EXISTS: C.contentGroup },
  allowed: (actor) => grantsOf(actor, PLAN_LINE_KEEPERS).length > 0,

  async start({ tx, actor }: ImportRun) {
    const provincesByYear = new Map<number, Awaited<ReturnType<typeof unitIndex>>>();
    const groupsByYear = new Map<number, Group[]>();
    const sources = await planLines.fundingSources(tx);
    const sourceOf = (text: string) => {
      const key = fold(text).trim();
      if (key === 'quoc gia' || key === 'trung uong') return sources.find((source) => source.code === 'NATIONAL');
      if (key === 'dia phuong') return sources.find((source) => source.code === 'LOCAL');
      return sources.find((source) => source.code.toLowerCase() === key || fold(source.name) === key);
    };
    return async ({ cells }) => {
      const problems: RowProblem[] = [];
      const attempt = <T>(check: () => T): T | undefined => {
        try {
          return check();
        } catch (error) {
          if (!(error instanceof RowRefused)) throw error;
          problems.push(...error.problems);
          return undefined;
        }
      };
      const year = attempt(() => parseYear(C.year, required(C.year, cells.year ?? '')));
      const amount = attempt(() => parseAmount(C.amount, required(C.amount, cells.amount ?? '')));
      const source = attempt(() => {
        const found = sourceOf(required(C.source, cells.source ?? ''));
        if (!found) throw refuse(C.source, `"${cells.source}" không phải nguồn kinh phí; ghi Quốc gia hoặc Địa phương`);
        return found;
      });
      let province: UnitRow | undefined;
      let group: Group | undefined;
      if (year !== undefined) {
        if (!provincesByYear.has(year)) provincesByYear.set(year, await unitIndex(tx, 'province', `${year}-01-01`, `${year}-12-31`));
        if (!groupsByYear.has(year)) groupsByYear.set(year, await planLines.contentGroupsOfYear(tx, year));
        const provinces = provincesByYear.get(year)!;
        const groups = groupsByYear.get(year)!;
        province = attempt(() => {
          const named = required(C.province, cells.province ?? '');
          const found = pickProvince(provinces(named), C.province, named);
          if (!holds(actor, PLAN_LINE_KEEPERS, { provinceCode: found.code })) throw refuse(C.province, `${found.name} nằm ngoài phạm vi của bạn`);
          return found;
        });
        group = attempt(() => {
          const named = required(C.contentGroup, cells.contentGroup ?? '');
          const key = fold(named).trim();
          const found = groups.find((candidate) => candidate.code.toLowerCase() === key || fold(candidate.name) === key);
          if (!found) throw refuse(C.contentGroup, `Không có nhóm nội dung "${named}" trong chương trình của năm ${year}`);
          return found;
        });
      }
      if (problems.length > 0 || year === undefined || amount === undefined || !source || !province || !group) throw new RowRefused(problems);
      const label = `${province.name} · ${year} · ${group.code} · ${source.name}`;
      const line = { provinceCode: province.code, year, contentGroupCode: group.code, fundingSourceCode: source.code };
      const existing = await planLines.lockLine(tx, line);
      if (existing && Number(existing.planned_amount) === amount) return { outcome: 'unchanged', label };
      if (existing) {
        await planLines.updateAmount(tx, existing.id, amount, actor.userId);
        return { outcome: 'updated', label };
      }
      await planLines.insertLine(tx, { ...line, programmeCode: group.programme_code }, amount, actor.userId);
      return { outcome: 'created', label };
    };
  },
};
