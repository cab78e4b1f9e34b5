// UI text: Vietnamese first, English second. A key missing in English is a compile error (each area's English
// table is typed as a Record over its Vietnamese keys).
import { adminEn, adminVi } from './admin.js';
import { coreEn, coreVi } from './core.js';
import { screensEn, screensVi } from './screens.js';
import { workflowEn, workflowVi } from './workflow.js';

export const vi = { ...coreVi, ...workflowVi, ...adminVi, ...screensVi };

export type MessageKey = keyof typeof vi;

export const en: Record<MessageKey, string> = { ...coreEn, ...workflowEn, ...adminEn, ...screensEn };
