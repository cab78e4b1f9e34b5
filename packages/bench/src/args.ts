// `--name value` flags with numeric defaults; unknown flags are refused so a typo does not silently do nothing.
export function numericFlags<T extends Record<string, number>>(argv: readonly string[], defaults: T): T {
  const result: Record<string, number> = { ...defaults };
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index]!;
    const name = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const value = Number(argv[index + 1]);
    if (!flag.startsWith('--') || !(name in defaults)) throw new Error(`unknown flag ${flag}; known: ${Object.keys(defaults).join(', ')}`);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number`);
    result[name] = value;
  }
  return result as T;
}
