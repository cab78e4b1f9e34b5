/**
 * `($1::uuid, $2::text), ($3::uuid, $4::text)` for `rowCount` rows of the given column types, numbering
 * parameters from `offset + 1`. Callers pass the row values flattened in the same order.
 */
export function valuesList(types: readonly string[], rowCount: number, offset = 0): string {
  const rows = Array.from({ length: rowCount }, (_, row) => {
    const cells = types.map((type, column) => `$${offset + row * types.length + column + 1}::${type}`);
    return `(${cells.join(', ')})`;
  });
  return rows.join(', ');
}
