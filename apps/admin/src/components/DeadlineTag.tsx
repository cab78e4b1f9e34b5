import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.js';

const COLORS: Record<string, string> = { overdue: 'red', due_soon: 'orange', on_time: 'green', none: 'default' };

/** Overdue in red and due soon in orange, so they stand out in any list. */
export function DeadlineTag({ state }: { state: string }) {
  const { label } = useI18n();
  return (
    <Tag color={COLORS[state] ?? 'default'} data-deadline={state}>
      {label('deadline', state)}
    </Tag>
  );
}
