// Completeness of the one label source: every code the domain, the API contract and the reference data can put on a
// screen has a Vietnamese and an English label. A code added anywhere without a label fails here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  roles,
  roundLevels,
  scopeTypes,
  shippedDefinitions,
  type CouncilState,
  type InstanceState,
  type JuryRoundResult,
  type SlaStatus,
} from '@khuyencong/domain';
import { communeLabel, hasLabel, label, LABELS, scopeLabel, type LabelKind } from './labels/index.js';

/** The repository root: the nearest folder above the working directory holding pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found above ' + process.cwd());
    dir = parent;
  }
  return dir;
}

const root = repoRoot();
// The shared reference sits beside the clone (../shared), both here and in CI.
const shared = join(root, '..', 'shared', 'reference');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Every type-only union as its values; adding a value to the union without adding it here is a compile error. */
const keysOf = <T extends string>(record: Record<T, true>): T[] => Object.keys(record) as T[];
const slaStatuses = keysOf<SlaStatus>({ none: true, paused: true, on_time: true, due_soon: true, overdue: true });
const juryOutcomes = keysOf<JuryRoundResult['outcome']>({ passed: true, failed: true, rescoring: true });
const councilOutcomes = keysOf<NonNullable<CouncilState['outcome']>>({ approved: true, rejected: true });
const instanceStatuses = keysOf<InstanceState['status']>({ active: true, terminal: true });
/** Event types the engine records besides the actions of the definitions (the timeline shows them). */
const engineEvents = ['instance_created', 'reminded', 'escalated', 'judges_assigned', 'council_assigned', 'vote_cast', 'sheet_submitted', 'migrated'];

function missing(kind: LabelKind, codes: Iterable<string>): string[] {
  return [...new Set(codes)].filter((code) => !hasLabel(kind, code)).map((code) => `${kind}:${code}`);
}

describe('the label source', () => {
  it('labels every code in both languages, and none of them is the bare code', () => {
    for (const [kind, table] of Object.entries(LABELS)) {
      for (const [code, text] of Object.entries(table)) {
        expect({ kind, code, vi: text.vi.trim().length > 0, en: text.en.trim().length > 0 }).toEqual({ kind, code, vi: true, en: true });
        if (/[_A-Z]/.test(code) || code.includes('-')) expect({ kind, code, vi: text.vi }).not.toEqual({ kind, code, vi: code });
      }
    }
  });

  it('shows an unknown code visibly as unknown, never as the bare code', () => {
    expect(label('productGroup', 'PROCESSED_FOOD', 'vi')).toBe('Chế biến nông, lâm, thủy sản và thực phẩm');
    expect(label('productGroup', 'PROCESSED_FOOD', 'en')).toBe('Processed agricultural, forestry, fishery products and food');
    expect(label('productGroup', 'NEW_GROUP', 'vi')).toBe('Không rõ (NEW_GROUP)');
    expect(label('productGroup', 'NEW_GROUP', 'en')).toBe('Unknown (NEW_GROUP)');
    expect(label('province', 'gia-lai', 'vi')).toBe('Gia Lai');
    expect(label('region', 'CENTRAL_HIGHLANDS', 'vi')).toBe('Khu vực miền Trung - Tây Nguyên');
    expect(label('disbursementKind', 'advance', 'vi')).toBe('Tạm ứng');
    expect(label('province', 'toString', 'vi')).toBe('Không rõ (toString)');
    expect(scopeLabel('province', 'dak-lak-2025', 'vi')).toBe('Tỉnh · Đắk Lắk');
    expect(scopeLabel('national', null, 'en')).toBe('National');
    expect(communeLabel('00004', 'en')).toBe('Commune (00004)');
  });

  it('reads round results in Vietnamese: the jury đạt / không đạt, the council thông qua / không thông qua', () => {
    expect(['passed', 'failed'].map((code) => label('juryOutcome', code, 'vi'))).toEqual(['Đạt', 'Không đạt']);
    expect(['approved', 'rejected'].map((code) => label('councilOutcome', code, 'vi'))).toEqual(['Thông qua', 'Không thông qua']);
    expect(['approved', 'rejected'].map((code) => label('councilOutcome', code, 'en'))).toEqual(['Approved', 'Not approved']);
    expect(label('criteriaSet', 'TT26-PL4', 'vi')).toMatch(/^Phiếu chấm điểm/);
  });
});

describe('completeness against the domain', () => {
  const stages = shippedDefinitions.flatMap((definition) => definition.stages);
  const actions = stages.flatMap((stage) => stage.actions ?? []);

  it('labels the enums of the domain', () => {
    expect([
      ...missing('role', roles),
      ...missing('scopeType', scopeTypes),
      ...missing('level', roundLevels),
      ...missing('deadline', slaStatuses),
      ...missing('juryOutcome', juryOutcomes),
      ...missing('councilOutcome', councilOutcomes),
      ...missing('instanceStatus', instanceStatuses),
    ]).toEqual([]);
  });

  it('labels the definitions, their stages, outcomes, actions and payload fields', () => {
    const fields = actions.flatMap((action) =>
      (action.payload ?? []).flatMap((field) => [field.field, ...('saveAs' in field && field.saveAs ? [field.saveAs] : [])]),
    );
    expect([
      ...missing(
        'definition',
        shippedDefinitions.map((definition) => definition.code),
      ),
      ...missing(
        'stage',
        stages.map((stage) => stage.id),
      ),
      ...missing(
        'outcome',
        stages.flatMap((stage) => (stage.outcome ? [stage.outcome] : [])),
      ),
      ...missing('action', [...actions.map((action) => action.name), ...engineEvents]),
      ...missing('attribute', fields),
    ]).toEqual([]);
  });
});

/** An enum of the API contract: where it is (path of keys) and its values. */
interface ContractEnum {
  where: string;
  values: string[];
}

function contractEnums(): ContractEnum[] {
  const found: ContractEnum[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, path));
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const schema = record.schema as { enum?: unknown } | undefined;
    if (typeof record.name === 'string' && Array.isArray(schema?.enum))
      found.push({ where: [...path, record.name].join('/'), values: schema.enum as string[] });
    else if (Array.isArray(record.enum)) found.push({ where: path.join('/'), values: record.enum as string[] });
    for (const [key, value] of Object.entries(record)) if (key !== 'enum') walk(value, [...path, key]);
  };
  walk(readJson(join(root, 'packages', 'api-client', 'openapi.json')), []);
  return found;
}

describe('completeness against the API contract (packages/api-client/openapi.json)', () => {
  const enums = contractEnums();
  // Each rule names the enums it covers by where they sit; a rule that matches nothing fails, so a renamed field
  // cannot slip past.
  const rules: { kind: LabelKind; where: RegExp }[] = [
    { kind: 'role', where: /\/role$/ },
    { kind: 'scopeType', where: /\/scopeType$/ },
    { kind: 'calendarDayKind', where: /(calendars|CalendarDay[A-Za-z]*)\/.*kind$/ },
    { kind: 'instanceStatus', where: /(\/api\/instances\/\{id\}\/get\/.*|\/instance\/properties|schemas\/InstanceView\/properties)\/status$/ },
    { kind: 'deadline', where: /\/deadline$/ },
    { kind: 'fundingSource', where: /\/fundingSource$/ },
    { kind: 'level', where: /\/level$/ },
    { kind: 'legalForm', where: /\/legalForm$/ },
    { kind: 'roundStatus', where: /\/api\/rounds(?!.*\/instance\/).*\/status$/ },
    { kind: 'certStatus', where: /certificates.*\/status$/ },
    { kind: 'productGroup', where: /\/productGroup$/ },
    { kind: 'subActivity', where: /\/(subActivity|activityCode)$/ },
    { kind: 'disbursementKind', where: /(\/api\/schemes\/.*|schemas\/Scheme(CommandBody|DisbursementCommand)\/properties)\/payload\/properties\/kind$/ },
    { kind: 'changeKind', where: /\/changeKind$/ },
    { kind: 'schemeDocumentKind', where: /(\/api\/schemes.*documents|schemas\/(SchemeView|AttachSchemeDocumentBody)\/).*\/?kind$/ },
  ];

  it.each(rules)('labels every $kind the API can answer', ({ kind, where }) => {
    const matching = enums.filter((candidate) => where.test(candidate.where));
    expect(matching.length).toBeGreaterThan(0);
    expect(
      missing(
        kind,
        matching.flatMap((candidate) => candidate.values),
      ),
    ).toEqual([]);
  });
});

interface Coded {
  code: string;
  name: string;
}

describe('completeness against the reference data', () => {
  it('labels the shared reference (../shared/reference beside the repository)', () => {
    const khuyencong = readJson<{
      fundingSources: Coded[];
      programmes: { contentGroups: Coded[] | string }[];
      productSelection: { productGroups: Coded[]; criteriaSet: { groups: Coded[] } };
    }>(join(shared, 'khuyencong.json'));
    const geography = readJson<{ regions: (Coded & { provincesBefore2025: string[] })[]; provincesAfter2025: string[] }>(join(shared, 'geography.json'));
    const units = readJson<{ provinces: Coded[] }>(join(shared, 'administrative-units-2026.json'));
    const codes = (list: Coded[]) => list.map((item) => item.code);
    const provinceNames = new Set(Object.values(LABELS.province).map((text) => text.vi));
    const unnamed = [...geography.regions.flatMap((region) => region.provincesBefore2025), ...geography.provincesAfter2025].filter(
      (name) => !provinceNames.has(name),
    );
    expect([
      ...missing('fundingSource', codes(khuyencong.fundingSources)),
      ...missing(
        'contentGroup',
        khuyencong.programmes.flatMap((programme) => (Array.isArray(programme.contentGroups) ? codes(programme.contentGroups) : [])),
      ),
      ...missing('productGroup', codes(khuyencong.productSelection.productGroups)),
      ...missing('criteriaGroup', codes(khuyencong.productSelection.criteriaSet.groups)),
      ...missing('region', codes(geography.regions)),
      ...missing('province', codes(units.provinces)),
      ...unnamed.map((name) => `province named ${name}`),
    ]).toEqual([]);
  });

  it('labels the reference data the API seeds (packages/persistence/data)', () => {
    const data = join(root, 'packages', 'persistence', 'data');
    const geography = readJson<{ regions: Coded[]; units: Coded[] }>(join(data, 'geography.json'));
    const khuyencong = readJson<{
      fundingSources: Coded[];
      programmes: { contentGroups: Coded[] }[];
      criteriaSets: (Coded & { groups: Coded[] })[];
      productGroups: Coded[];
      supportRules: { activityCode: string }[];
    }>(join(data, 'khuyencong.json'));
    const codes = (list: Coded[]) => list.map((item) => item.code);
    expect([
      ...missing('region', codes(geography.regions)),
      ...missing('province', codes(geography.units)),
      ...missing('fundingSource', codes(khuyencong.fundingSources)),
      ...missing(
        'contentGroup',
        khuyencong.programmes.flatMap((programme) => codes(programme.contentGroups)),
      ),
      ...missing('criteriaSet', codes(khuyencong.criteriaSets)),
      ...missing(
        'criteriaGroup',
        khuyencong.criteriaSets.flatMap((set) => codes(set.groups)),
      ),
      ...missing('productGroup', codes(khuyencong.productGroups)),
      ...missing(
        'subActivity',
        khuyencong.supportRules.map((rule) => rule.activityCode),
      ),
    ]).toEqual([]);
  });
});
