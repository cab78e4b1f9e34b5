// One-off generator: turns /work/shared/reference/*.json into the package's own data files under data/.
// Run by a developer when the source facts change (`node scripts/build-reference-data.mjs <reference dir>`);
// the running platform only ever reads data/*.json (through seedReferenceData), never the shared folder.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const referenceDir = process.argv[2] ?? '/work/shared/reference';
const outDir = new URL('../data/', import.meta.url).pathname;
const read = (name) => JSON.parse(readFileSync(join(referenceDir, name), 'utf8'));
const write = (name, value) => writeFileSync(join(outDir, name), JSON.stringify(value, null, 2) + '\n');

/** Stable slug code from a Vietnamese name: "Đắk Lắk" -> "dak-lak", "TP. Hồ Chí Minh" -> "ho-chi-minh". */
function slug(name) {
  return name
    .replace(/^TP\.\s*/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---- geography ---------------------------------------------------------------------------------------------
const geo = read('geography.json');
const reform = geo.reformEffectiveDate; // 2025-07-01
const lastDayBefore = '2025-06-30';
const oldCode = (name) => slug(name);
const newCode = (name) => `${slug(name)}-2025`;

const units = [];
const memberships = [];
const regionOfOld = new Map();
for (const region of geo.regions) {
  for (const name of region.provincesBefore2025) {
    units.push({ code: oldCode(name), name, level: 'province', parentCode: null, validFrom: '1900-01-01', validTo: lastDayBefore });
    memberships.push({ regionCode: region.code, unitCode: oldCode(name), validFrom: '1900-01-01', validTo: lastDayBefore });
    regionOfOld.set(name, region.code);
  }
}
for (const name of geo.provincesAfter2025) {
  units.push({ code: newCode(name), name, level: 'province', parentCode: null, validFrom: reform, validTo: null });
}
const successions = geo.successions2025.map((s) => ({ fromCode: oldCode(s.from), toCode: newCode(s.to), effectiveDate: reform }));
for (const name of geo.provincesAfter2025) {
  // The region of a new province is the region of the old province whose name it carries (Huế <- Thừa Thiên Huế).
  const namesake = geo.successions2025.find((s) => s.to === name && (s.from === name || geo.successions2025.filter((t) => t.to === name).length === 1));
  const region = regionOfOld.get(namesake.from);
  if (!region) throw new Error(`no region for ${name}`);
  memberships.push({ regionCode: region, unitCode: newCode(name), validFrom: reform, validTo: null });
}
write('geography.json', {
  _note:
    'Provinces before and after the 2025-07-01 reform (old codes are slugs of the name; post-reform units carry a "-2025" suffix because they are new units even where the name is unchanged). Region membership after the reform is not published: each new province is placed in the region of its namesake old province. That is an assumption, and region memberships are admin-editable dated data.',
  regions: geo.regions.map((r) => ({ code: r.code, name: r.name })),
  units,
  successions,
  regionMemberships: memberships,
});

// ---- khuyến công --------------------------------------------------------------------------------------------
const kc = read('khuyencong.json');
const programmes = kc.programmes.map((p) => ({
  code: p.code,
  basis: p.basis,
  periodStartYear: p.period[0],
  periodEndYear: p.period[1],
  contentGroups: Array.isArray(p.contentGroups) ? p.contentGroups.map((g, i) => ({ code: g.code, name: g.name, position: i + 1 })) : [],
}));
const activityCodes = {
  'new rural industrial enterprise in a difficult area': 'NEW_ENTERPRISE_DIFFICULT_AREA',
  'technical demonstration model': 'DEMONSTRATION_MODEL',
  'advanced machinery, technology transfer': 'ADVANCED_MACHINERY',
  'fairs and exhibitions abroad': 'FAIRS_ABROAD',
  'cleaner production pilot': 'CLEANER_PRODUCTION_PILOT',
};
const supportRules = kc.supportRules.map((r) => {
  const activityCode = activityCodes[r.activity];
  const provinceCode = r.province ? oldCode(r.province) : null;
  const basisCode = r.basis.startsWith('TT 28/2018') ? 'TT28-2018' : `${slug(r.province ?? 'x').toUpperCase()}-2025`;
  return {
    code: `${basisCode}-${r.source}-${activityCode}`,
    basis: r.basis,
    fundingSourceCode: r.source,
    provinceCode,
    activityCode,
    activityName: r.activity,
    maxPercent: r.maxPercent ?? null,
    maxAmount: r.maxAmount ?? null,
    per: r.per ?? null,
    conditions: r.technologyLineMultiplier ? { technologyLineMultiplier: r.technologyLineMultiplier } : {},
    // National caps are applied from the start of the 2021-2025 programme; TT 64/2024 may replace them (not retrieved).
    // Đắk Lắk's resolution is of 2025; it names the pre-reform province.
    validFrom: r.source === 'NATIONAL' ? '2021-01-01' : '2025-01-01',
    validTo: null,
  };
});
const ps = kc.productSelection;
write('khuyencong.json', {
  _note: 'Funding sources, programmes with their content groups, support caps as dated rules, the TT26 criteria set and product groups. Money in VND.',
  fundingSources: kc.fundingSources.map((f) => ({ code: f.code, name: f.name, owner: f.owner })),
  programmes,
  supportRules,
  criteriaSets: [
    {
      code: ps.criteriaSet.code,
      name: 'Phiếu chấm điểm sản phẩm công nghiệp nông thôn tiêu biểu',
      basis: ps.basis,
      groups: ps.criteriaSet.groups.map((g, i) => ({ code: g.code, name: g.name, maxPoints: g.max, position: i + 1 })),
    },
  ],
  productGroups: ps.productGroups.map((g, i) => ({ code: g.code, name: g.name, position: i + 1 })),
});

// ---- calendar -----------------------------------------------------------------------------------------------
// data/calendar.json (2018–2030) is built by scripts/build-calendar.mjs: the one calendar source.
console.log(`units ${units.length}, successions ${successions.length}, memberships ${memberships.length}`);
