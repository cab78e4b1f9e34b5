// UI text: Vietnamese first, English second. A key missing in English is a compile error (each area's English
// table is typed as a Record over its Vietnamese keys).
import { coreEn, coreVi } from './core.js';
import { screensEn, screensVi } from './screens.js';
import { workflowEn, workflowVi } from './workflow.js';
import { publicEn, publicVi } from './publicSite.js';
import { applyingEn, applyingVi } from './applying.js';
import { roundSetupEn, roundSetupVi } from './roundSetup.js';
import { importsEn, importsVi } from './imports.js';
import { inboxEn, inboxVi } from './inbox.js';
import { schemesUiEn, schemesUiVi } from './schemes.js';
import { plansConsultingEn, plansConsultingVi } from './plansConsulting.js';
import { accountEn, accountVi } from './account.js';

export const vi = {
  ...coreVi,
  ...workflowVi,
  ...screensVi,
  ...publicVi,
  ...applyingVi,
  ...roundSetupVi,
  ...importsVi,
  ...inboxVi,
  ...schemesUiVi,
  ...plansConsultingVi,
  ...accountVi,
};

export type MessageKey = keyof typeof vi;

export const en: Record<MessageKey, string> = {
  ...coreEn,
  ...workflowEn,
  ...screensEn,
  ...publicEn,
  ...applyingEn,
  ...roundSetupEn,
  ...importsEn,
  ...inboxEn,
  ...schemesUiEn,
  ...plansConsultingEn,
  ...accountEn,
};
