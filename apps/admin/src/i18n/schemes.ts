// The scheme screens' navigation entries (their other words are in schemesScreens.ts, loaded with the pages).
export const schemesUiVi = {
  'nav.schemeNew': 'Tạo đề án',
  'nav.localPlan': 'Phê duyệt kế hoạch địa phương',
} as const;

export const schemesUiEn: Record<keyof typeof schemesUiVi, string> = {
  'nav.schemeNew': 'New scheme',
  'nav.localPlan': 'Approve the local plan',
};
