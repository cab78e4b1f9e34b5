// The menu entry of the consulting pages. The words of the plan and consulting pages themselves are in
// plansConsultingPages.ts, loaded with those pages (the login and home pages keep to their 300 KB budget).
export const plansConsultingVi = {
  'nav.consulting': 'Tư vấn',
} as const;

export const plansConsultingEn: Record<keyof typeof plansConsultingVi, string> = {
  'nav.consulting': 'Consulting',
};
