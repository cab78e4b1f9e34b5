// The one label source for codes shown on screen (stages, statuses, roles, groups, provinces, …). Screens never print
// a code: they call label(kind, code, locale), or the `label` of useI18n() with the current language. An unknown
// code is shown as "Không rõ (CODE)" so a missing label is visible, never silently passed off as a word.
import type { Locale } from '../../lib/format.js';
import { actionLabels } from './actions.js';
import { provinceLabels, regionLabels } from './geography.js';
import { calendarDayKindLabels, roleLabels, scopeTypeLabels } from './people.js';
import { changeKindLabels, contentGroupLabels, disbursementKindLabels, fundingSourceLabels, schemeDocumentKindLabels, subActivityLabels } from './programme.js';
import { certStatusLabels, criteriaGroupLabels, criteriaSetLabels, legalFormLabels, levelLabels, productGroupLabels, roundStatusLabels } from './selection.js';
import type { LabelTable } from './types.js';
import {
  attributeLabels,
  councilOutcomeLabels,
  deadlineLabels,
  definitionLabels,
  instanceStatusLabels,
  juryOutcomeLabels,
  outcomeLabels,
  stageLabels,
} from './workflow.js';

export type { Label, LabelTable } from './types.js';

/** Every kind of code with labels, and its table. */
export const LABELS = {
  definition: definitionLabels,
  stage: stageLabels,
  outcome: outcomeLabels,
  instanceStatus: instanceStatusLabels,
  juryOutcome: juryOutcomeLabels,
  councilOutcome: councilOutcomeLabels,
  deadline: deadlineLabels,
  attribute: attributeLabels,
  action: actionLabels,
  level: levelLabels,
  certStatus: certStatusLabels,
  roundStatus: roundStatusLabels,
  productGroup: productGroupLabels,
  criteriaGroup: criteriaGroupLabels,
  criteriaSet: criteriaSetLabels,
  legalForm: legalFormLabels,
  fundingSource: fundingSourceLabels,
  contentGroup: contentGroupLabels,
  subActivity: subActivityLabels,
  disbursementKind: disbursementKindLabels,
  changeKind: changeKindLabels,
  schemeDocumentKind: schemeDocumentKindLabels,
  role: roleLabels,
  scopeType: scopeTypeLabels,
  calendarDayKind: calendarDayKindLabels,
  region: regionLabels,
  province: provinceLabels,
} as const satisfies Record<string, LabelTable>;

/** A kind of code that has labels. */
export type LabelKind = keyof typeof LABELS;

const UNKNOWN: Record<Locale, string> = { vi: 'Không rõ', en: 'Unknown' };

/** Whether the code of this kind has a label. */
export function hasLabel(kind: LabelKind, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(LABELS[kind], code);
}

/** The code's label in the language; an unknown code reads "Không rõ (CODE)" / "Unknown (CODE)". */
export function label(kind: LabelKind, code: string, locale: Locale): string {
  const table: LabelTable = LABELS[kind];
  return hasLabel(kind, code) ? (table[code]?.[locale] ?? code) : `${UNKNOWN[locale]} (${code})`;
}

/**
 * A commune: the API returns commune codes without names and offers no non-admin route to name them (the seeded
 * reference has provinces only), so a commune is shown as "Xã (CODE)" / "Commune (CODE)" until it does.
 */
export function communeLabel(code: string, locale: Locale): string {
  // Codes that are not official five-digit ones belong to communes abolished on 1 July 2025 (records made
  // before the reform): they have no name in today's reference, and their code means nothing to a reader.
  if (!/^\d{5}$/.test(code)) return locale === 'vi' ? 'Xã cũ (trước 1/7/2025)' : 'Former commune (before 1 July 2025)';
  return `${locale === 'vi' ? 'Xã' : 'Commune'} (${code})`;
}

/** The unit a grant is scoped to: a province or a region by name, a commune as above, others as given. */
export function unitLabel(scopeType: string, scopeId: string, locale: Locale): string {
  if (scopeType === 'province' || scopeType === 'region') return label(scopeType, scopeId, locale);
  return scopeType === 'commune' ? communeLabel(scopeId, locale) : scopeId;
}

/** A scope of a grant: its type, then its unit when it has one ("Tỉnh · Gia Lai"). */
export function scopeLabel(scopeType: string, scopeId: string | null | undefined, locale: Locale): string {
  const type = label('scopeType', scopeType, locale);
  return scopeId ? `${type} · ${unitLabel(scopeType, scopeId, locale)}` : type;
}
