/** What a selection of nominations leaves of the round's quota (null quota: no limit). */
export interface QuotaCheck {
  /** Nominations still free before this selection. */
  left: number;
  /** How many chosen entries are beyond what is free (0 when the selection fits). */
  excess: number;
}

export function quotaCheck(quota: number | null, used: number, chosen: number): QuotaCheck {
  const left = quota === null ? Number.POSITIVE_INFINITY : Math.max(0, quota - used);
  return { left, excess: Math.max(0, chosen - left) };
}
