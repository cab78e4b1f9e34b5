import { type ValueTransformer } from 'typeorm';

/**
 * Money is integer VND stored as bigint; the driver returns bigint as a string. Amounts in this domain stay far
 * below 2^53, so they are exposed as numbers, and anything that is not a safe integer is refused loudly.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} is not a safe integer`);
    return parsed;
  },
};
