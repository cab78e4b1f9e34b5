// Spreadsheet import: the menu entry, in the global tables. The screen's words are in importsScreens.ts and load
// with the screen.
export const importsVi = { 'nav.imports': 'Nhập từ bảng tính' };
export const importsEn: Record<keyof typeof importsVi, string> = { 'nav.imports': 'Spreadsheet import' };
