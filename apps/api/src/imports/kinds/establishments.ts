// Establishments from a province's or commune's list: the fields and checks of an officer's registration
// (RegisterEstablishmentBody, insertEstablishment), matched to what exists by tax code or registration number.
import { ImportEstablishmentStore } from '@khuyencong/persistence';
import { type Actor } from '../../common/actor.js';
import { fold } from '../../common/people.js';
import { RegisterEstablishmentBody } from '../../selection/establishments/dto.js';
import { insertEstablishment } from '../../selection/establishments/establishments.service.js';
import { grantsOf, holds } from '../../selection/shared/scope.js';
import { RowRefused, refuse, type RowProblem } from '../errors.js';
import { type ImportColumn } from '../sheet.js';
import { type ImportKind, type ImportRun } from './kind.js';
import { required, unitIndex } from './values.js';

const C = {
  name: 'Tên cơ sở',
  legalForm: 'Loại hình',
  registrationNumber: 'Số đăng ký kinh doanh',
  taxCode: 'Mã số thuế',
  address: 'Địa chỉ',
  commune: 'Xã/phường',
} as const;

const COLUMNS: ImportColumn[] = [
  { key: 'name', header: C.name, required: true, hint: 'Tên đầy đủ của cơ sở, 2–300 ký tự.' },
  { key: 'legalForm', header: C.legalForm, required: true, hint: 'Doanh nghiệp, Hợp tác xã hoặc Hộ kinh doanh.' },
  { key: 'registrationNumber', header: C.registrationNumber, required: true, hint: 'Số giấy chứng nhận đăng ký, 3–50 ký tự.', text: true },
  {
    key: 'taxCode',
    header: C.taxCode,
    required: false,
    hint: '10 chữ số, có thể thêm -NNN (định dạng ô là Văn bản để giữ số 0 đầu). Dùng để nhận ra cơ sở đã có.',
    text: true,
  },
  { key: 'address', header: C.address, required: false, hint: 'Số nhà, thôn/tổ; tối đa 500 ký tự.' },
  {
    key: 'commune',
    header: C.commune,
    required: true,
    hint: 'Tên xã/phường hiện hành (ví dụ: Xã Ia Ly) hoặc mã xã chính thức (5 chữ số), trong địa bàn của bạn.',
    text: true,
  },
];

const LEGAL_FORMS: Record<string, 'enterprise' | 'cooperative' | 'household_business'> = {
  'doanh nghiep': 'enterprise',
  enterprise: 'enterprise',
  'hop tac xa': 'cooperative',
  htx: 'cooperative',
  cooperative: 'cooperative',
  'ho kinh doanh': 'household_business',
  hkd: 'household_business',
  household_business: 'household_business',
};

/** Vietnamese for the registration schema's refusals, by field. */
const FIELD_RULES: Record<string, RowProblem> = {
  name: { column: C.name, message: 'Tên cơ sở từ 2 đến 300 ký tự, không chứa ký tự điều khiển' },
  legalForm: { column: C.legalForm, message: 'Loại hình là Doanh nghiệp, Hợp tác xã hoặc Hộ kinh doanh' },
  registrationNumber: { column: C.registrationNumber, message: 'Số đăng ký kinh doanh từ 3 đến 50 ký tự' },
  taxCode: { column: C.taxCode, message: 'Mã số thuế gồm 10 chữ số, có thể thêm -NNN (định dạng ô là Văn bản để giữ số 0 đầu)' },
  communeCode: { column: C.commune, message: 'Mã xã không hợp lệ' },
  provinceCode: { column: C.commune, message: 'Mã tỉnh không hợp lệ' },
};

const establishments = new ImportEstablishmentStore();

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The officers of a commune or province register establishments (as in registration), and the admin. */
const mayRegister = (actor: Actor, communeCode: string, provinceCode: string) =>
  holds(actor, ['commune_officer'], { communeCode }) || holds(actor, ['provincial_officer', 'admin'], { provinceCode });

export const establishmentsKind: ImportKind = {
  name: 'establishments',
  title: 'Danh sách cơ sở công nghiệp nông thôn',
  fileName: 'mau-nhap-co-so',
  columns: COLUMNS,
  columnOfCode: {
    ALREADY_REGISTERED: C.taxCode,
    TAX_CODE_EXISTS: C.taxCode,
    UNKNOWN_UNIT: C.commune,
    UNIT_NOT_IN_FORCE: C.commune,
    COMMUNE_OUTSIDE_PROVINCE: C.commune,
  },
  allowed: (actor) => grantsOf(actor, ['commune_officer', 'provincial_officer', 'admin']).length > 0,

  async start({ tx, actor, audit }: ImportRun) {
    const day = today();
    const communes = await unitIndex(tx, 'commune', day, day);
    return async ({ cells }) => {
      const problems: RowProblem[] = [];
      const legalForm = LEGAL_FORMS[fold(cells.legalForm ?? '').trim()];
      if (cells.legalForm === '') problems.push({ column: C.legalForm, message: 'Không được để trống' });
      else if (!legalForm)
        problems.push({ column: C.legalForm, message: `"${cells.legalForm}" không phải loại hình; ghi Doanh nghiệp, Hợp tác xã hoặc Hộ kinh doanh` });
      const address = cells.address ?? '';
      if (address.length > 500) problems.push({ column: C.address, message: 'Địa chỉ tối đa 500 ký tự' });
      let commune: { code: string; province: string } | undefined;
      try {
        const named = required(C.commune, cells.commune ?? '');
        const found = communes(named);
        const inScope = found.filter((unit) => unit.parent_code !== null && mayRegister(actor, unit.code, unit.parent_code));
        if (found.length === 0) throw refuse(C.commune, `Không có xã/phường "${named}" trong danh mục hiện hành`);
        if (inScope.length === 0) throw refuse(C.commune, `Xã/phường "${named}" nằm ngoài địa bàn của bạn`);
        if (inScope.length > 1) throw refuse(C.commune, `Có ${inScope.length} xã/phường tên "${named}" trong địa bàn; ghi mã xã`);
        commune = { code: inScope[0]!.code, province: inScope[0]!.parent_code! };
      } catch (error) {
        if (!(error instanceof RowRefused)) throw error;
        problems.push(...error.problems);
      }
      const parsed = RegisterEstablishmentBody.safeParse({
        name: cells.name,
        legalForm: legalForm ?? 'enterprise',
        registrationNumber: cells.registrationNumber,
        ...(cells.taxCode ? { taxCode: cells.taxCode } : {}),
        communeCode: commune?.code ?? 'xx',
        provinceCode: commune?.province ?? 'xx',
        priorityFlags: {},
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const rule = FIELD_RULES[String(issue.path[0])];
          if (rule && !problems.some((problem) => problem.column === rule.column)) problems.push(rule);
        }
      }
      if (problems.length > 0 || !parsed.success || !commune) throw new RowRefused(problems);
      const body = parsed.data;
      const label = body.name;

      // The same establishment: its tax code, or without one its registration number in the province.
      const existing = await establishments.lockMatching(tx, {
        taxCode: body.taxCode,
        registrationNumber: body.registrationNumber,
        provinceCode: commune.province,
      });
      if (!existing) {
        const id = await insertEstablishment(tx, audit, body, actor.userId);
        if (address !== '') await establishments.setAddress(tx, id, address);
        return { outcome: 'created', label };
      }
      const covered = existing.commune_code !== null && existing.province_code !== null && mayRegister(actor, existing.commune_code, existing.province_code);
      if (!covered) throw refuse(body.taxCode ? C.taxCode : C.registrationNumber, 'Đã có cơ sở với mã này ở ngoài địa bàn của bạn');
      const same =
        existing.name === body.name &&
        existing.legal_form === body.legalForm &&
        existing.registration_number === body.registrationNumber &&
        (existing.tax_code ?? '') === (body.taxCode ?? '') &&
        existing.commune_code === commune.code &&
        (existing.address ?? '') === address;
      if (same) return { outcome: 'unchanged', label };
      if (existing.verified) throw refuse('', 'Cơ sở đã được xác minh; thông tin khác với tệp không được sửa qua bảng tính');
      await establishments.update(tx, existing.id, {
        name: body.name,
        legalForm: body.legalForm,
        registrationNumber: body.registrationNumber,
        taxCode: body.taxCode ?? null,
        communeCode: commune.code,
        provinceCode: commune.province,
        address: address === '' ? null : address,
      });
      await audit.record(
        { actorUserId: actor.userId, action: 'establishment.import_update', targetType: 'organisation', targetId: existing.id, details: { name: body.name } },
        tx,
      );
      return { outcome: 'updated', label };
    };
  },
};
