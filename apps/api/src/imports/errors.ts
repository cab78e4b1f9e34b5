import { HttpException } from '@nestjs/common';

/** A refusal of the whole file (type, size, columns, emptiness): the status, a code and "Vietnamese / English". */
export const importRefusal = (status: number, code: string, vi: string, en: string, details: Record<string, unknown> = {}) =>
  new HttpException({ statusCode: status, code, message: `${vi} / ${en}`, details }, status);

/** One cell (or the row as a whole) that keeps a row from being imported, said in Vietnamese. */
export interface RowProblem {
  /** The column header as in the template; empty for the row as a whole. */
  column: string;
  message: string;
}

/** Thrown by a kind's row handler: the row is refused for these reasons (nothing of it is written). */
export class RowRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((problem) => `${problem.column}: ${problem.message}`).join('; '));
  }
}

export const refuse = (column: string, message: string): RowRefused => new RowRefused([{ column, message }]);
