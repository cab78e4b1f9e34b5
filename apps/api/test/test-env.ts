// The knobs of the long tests, read in one place (tests have no application config).
export const testEnv = {
  /** How many requests the hostile-input property sends (the issue asks for at least 10,000). */
  hostileRuns: Number(process.env.TEST_HOSTILE_RUNS ?? 10_000),
  /** fast-check seed of the hostile-input property; print it again to replay a failure. */
  hostileSeed: Number(process.env.TEST_HOSTILE_SEED ?? 20261126),
};
