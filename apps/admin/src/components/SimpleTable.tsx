import { type ReactNode } from 'react';

/** A column of {@link SimpleTable}. */
export interface SimpleColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
}

/**
 * A plain table for the first page after login: antd's Table brings ~80 KB gzipped (filters, trees, virtual
 * lists) that a short task list does not need, and that page must load fast.
 */
export function SimpleTable<T>(props: {
  columns: readonly SimpleColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string;
  empty: ReactNode;
  testId?: string;
}) {
  const { columns, rows, rowKey, rowClassName, empty, testId } = props;
  return (
    <div className="kc-table-wrap">
      <table className="kc-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => (
                  <td key={column.key}>{column.render(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
