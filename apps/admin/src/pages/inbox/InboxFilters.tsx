import { useEffect, useRef, useState } from 'react';
import { Button, Input } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { CLAIMS, DEADLINES, KINDS, SORTS, WORK_STAGES } from './inboxParams.js';

// Inline styles: the home page carries no stylesheet of its own, and a phone wraps the filters onto new lines.
const ROW = { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', marginBottom: 16 } as const;
const FIELD = { display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 150px', minWidth: 0, fontSize: 13 } as const;
const SELECT = { height: 32, border: '1px solid #d9d9d9', borderRadius: 6, padding: '0 8px', background: '#fff', font: 'inherit', width: '100%' } as const;

/** A native select: small on the first page after login, and the phone's own picker on a phone. */
function Choice(props: {
  name: string;
  label: string;
  value: string;
  allLabel?: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <label style={FIELD}>
      <span>{props.label}</span>
      <select style={SELECT} name={props.name} data-testid={`inbox-${props.name}`} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.allLabel ? <option value="">{props.allLabel}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search, filters and sort of the inbox, kept in the URL; any change goes back to the first page. */
export function InboxFilters({ params, setParams }: { params: URLSearchParams; setParams: (next: URLSearchParams) => void }) {
  const { t, label } = useI18n();
  const current = params.get('q') ?? '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };
  // The search runs a moment after the typing stops, at once on Enter, and at once when the box is left: a click on
  // a row's link right after typing must not be undone by a search that fires while the next page loads.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (text.trim() === current) return;
    pending.current = setTimeout(() => set('q', text.trim()), 400);
    return () => clearTimeout(pending.current);
  });
  const searchNow = () => {
    clearTimeout(pending.current);
    if (text.trim() !== current) set('q', text.trim());
  };
  const keyed = (prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
  return (
    <div style={ROW} role="search">
      <Input.Search
        style={{ flex: '1 1 100%', minWidth: 0 }}
        allowClear
        value={text}
        placeholder={t('inbox.search')}
        aria-label={t('inbox.search')}
        enterButton={t('inbox.searchButton')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => set('q', value.trim())}
        onBlur={searchNow}
        data-testid="task-search"
      />
      <Choice
        name="kind"
        label={t('inbox.filter.kind')}
        value={params.get('kind') ?? ''}
        allLabel={t('inbox.filter.kind.all')}
        options={keyed('inbox.filter.kind', KINDS)}
        onChange={(value) => set('kind', value)}
      />
      <Choice
        name="stage"
        label={t('inbox.filter.stage')}
        value={params.get('stage') ?? ''}
        allLabel={t('inbox.filter.stage.all')}
        options={WORK_STAGES.map((stage) => ({ value: stage, label: label('stage', stage) }))}
        onChange={(value) => set('stage', value)}
      />
      <Choice
        name="deadline"
        label={t('inbox.filter.deadline')}
        value={params.get('deadline') ?? ''}
        allLabel={t('inbox.filter.deadline.all')}
        options={DEADLINES.map((deadline) => ({ value: deadline, label: label('deadline', deadline) }))}
        onChange={(value) => set('deadline', value)}
      />
      <Choice
        name="claim"
        label={t('inbox.filter.claim')}
        value={params.get('claim') ?? ''}
        allLabel={t('inbox.filter.claim.all')}
        options={keyed('inbox.filter.claim', CLAIMS)}
        onChange={(value) => set('claim', value)}
      />
      <Choice
        name="sort"
        label={t('inbox.sort')}
        value={params.get('sort') ?? 'deadline'}
        options={keyed('inbox.sort', SORTS)}
        onChange={(value) => set('sort', value === 'deadline' ? '' : value)}
      />
      {params.size > 0 ? (
        <Button onClick={() => setParams(new URLSearchParams())} data-testid="inbox-clear">
          {t('inbox.clear')}
        </Button>
      ) : null}
    </div>
  );
}
