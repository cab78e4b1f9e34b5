// Consulting revenues by month. An engagement is found by its stable key: the province, the client's name (case and
// accents ignored) and the signing date — what a centre's own ledger names it by.
import { CONSULTING_KEEPERS, writeRevenue } from '../../consulting/consulting.service.js';
import { RevenueBody } from '../../consulting/dto.js';
import { ImportConsultingRevenueStore } from '@khuyencong/persistence';
import { fold } from '../../common/people.js';
import { grantsOf, holds } from '../../selection/shared/scope.js';
import { RowRefused, refuse, type RowProblem } from '../errors.js';
import { type ImportColumn, type SheetRow } from '../sheet.js';
import { type ImportKind, type ImportRun, type RowResult } from './kind.js';
import { pickProvince } from './plan-lines.js';
import { parseAmount, parseDate, parsePeriod, required, unitIndex } from './values.js';

const engagementsOf = new ImportConsultingRevenueStore();

const C = { province: 'Tỉnh', client: 'Khách hàng', signedOn: 'Ngày ký hợp đồng', period: 'Kỳ (YYYY-MM)', amount: 'Doanh thu (đồng)' } as const;

const COLUMNS: ImportColumn[] = [
  { key: 'province', header: C.province, required: true, hint: 'Tỉnh của trung tâm ký hợp đồng (tên hoặc mã chính thức).', text: true },
  { key: 'client', header: C.client, required: true, hint: 'Tên khách hàng đúng như trên hợp đồng tư vấn đã ghi nhận.' },
  { key: 'signedOn', header: C.signedOn, required: true, hint: 'Ngày ký hợp đồng, dd/mm/yyyy. Tỉnh + khách hàng + ngày ký xác định hợp đồng.', text: true },
  { key: 'period', header: C.period, required: true, hint: 'Tháng của doanh thu, ví dụ 2026-03.', text: true },
  { key: 'amount', header: C.amount, required: true, hint: 'Số nguyên, đơn vị đồng. Tổng doanh thu không vượt giá trị hợp đồng.' },
];

export const consultingRevenuesKind: ImportKind = {
  name: 'consulting-revenues',
  title: 'Doanh thu tư vấn theo tháng',
  fileName: 'mau-nhap-doanh-thu-tu-van',
  columns: COLUMNS,
  columnOfCode: { REVENUE_ABOVE_CONTRACT: C.amount, NOT_FOUND: C.client },
  allowed: (actor) => grantsOf(actor, CONSULTING_KEEPERS).length > 0,

  start({ tx, actor }: ImportRun) {
    const indexes = new Map<string, Awaited<ReturnType<typeof unitIndex>>>();
    return Promise.resolve(async ({ cells }: SheetRow): Promise<RowResult> => {
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
      const client = attempt(() => required(C.client, cells.client ?? ''));
      const signedOn = attempt(() => parseDate(C.signedOn, required(C.signedOn, cells.signedOn ?? '')));
      const period = attempt(() => parsePeriod(C.period, required(C.period, cells.period ?? '')));
      const amount = attempt(() => parseAmount(C.amount, required(C.amount, cells.amount ?? '')));
      let province: { code: string; name: string } | undefined;
      if (signedOn !== undefined) {
        if (!indexes.has(signedOn)) indexes.set(signedOn, await unitIndex(tx, 'province', signedOn, signedOn));
        const provinces = indexes.get(signedOn)!;
        province = attempt(() => {
          const named = required(C.province, cells.province ?? '');
          const found = pickProvince(provinces(named), C.province, named);
          if (!holds(actor, CONSULTING_KEEPERS, { provinceCode: found.code })) throw refuse(C.province, `${found.name} nằm ngoài phạm vi của bạn`);
          return found;
        });
      }
      const revenue = period !== undefined && amount !== undefined ? RevenueBody.safeParse({ period, amount }) : undefined;
      if (revenue && !revenue.success) problems.push({ column: C.amount, message: 'Doanh thu là số nguyên không âm' });
      if (problems.length > 0 || !client || !signedOn || !province || !revenue?.success) throw new RowRefused(problems);
      const label = `${client} · ${revenue.data.period}`;
      const engagements = await engagementsOf.findEngagements(tx, province.code, fold(client), signedOn, revenue.data.period);
      if (engagements.length === 0)
        throw refuse(C.client, `Không có hợp đồng tư vấn của "${client}" ký ngày ${signedOn.split('-').reverse().join('/')} ở ${province.name}`);
      if (engagements.length > 1) throw refuse(C.client, `Có ${engagements.length} hợp đồng cùng khách hàng và ngày ký; ghi doanh thu trên trang hợp đồng`);
      const engagement = engagements[0]!;
      if (engagement.amount !== null && Number(engagement.amount) === revenue.data.amount) return { outcome: 'unchanged', label };
      await writeRevenue(tx, engagement.id, revenue.data, (provinceCode) => holds(actor, CONSULTING_KEEPERS, { provinceCode }));
      return { outcome: engagement.amount === null ? 'created' : 'updated', label };
    });
  },
};
