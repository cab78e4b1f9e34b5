import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** A column of {@link SimpleTable}. */
export interface SimpleColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
}

/**
 * A plain table for the first page after login: antd's Table brings ~80 KB gzipped (filters, trees, virtual
 * lists) that a short task list does not need, and that page must load fast. On a phone each row becomes a card
 * whose cells carry their column's title (styles.css), so nothing scrolls sideways.
 */
export function SimpleTable<T>(props: {
  columns: readonly SimpleColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string;
  /** data-* attributes of a row (e.g. data-testid and data-id), for tests and scripts that find a row by its record. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
  empty: ReactNode;
  testId?: string;
}) {
  const { columns, rows, rowKey, rowClassName, rowAttributes, empty, testId } = props;
  const wrap = useRef<HTMLDivElement>(null);
  // A table wider than its card scrolls sideways inside it: that region must be reachable by keyboard (WCAG 2.1.1).
  // Checked after every render and whenever the wrapper's width changes (a phone turned, a window narrowed).
  useLayoutEffect(() => {
    const element = wrap.current;
    if (!element) return;
    const check = () => {
      if (element.scrollWidth > element.clientWidth) element.tabIndex = 0;
      else element.removeAttribute('tabindex');
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  });
  return (
    <div className="kc-table-wrap" ref={wrap}>
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
              <tr key={rowKey(row)} className={rowClassName?.(row)} {...rowAttributes?.(row)}>
                {columns.map((column) => (
                  <td key={column.key} data-label={column.title}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
