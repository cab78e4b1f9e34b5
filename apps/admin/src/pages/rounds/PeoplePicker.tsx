import { useEffect, useRef, useState } from 'react';
import { Select, Space, Spin, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import type { EligiblePeople, EligiblePerson, EligibleRole } from './types.js';

/** A person as the pickers show them: name, e-mail and unit (the unit when the API knows it). */
export type Person = Pick<EligiblePerson, 'id' | 'displayName'> & { email: string | null; unitName?: string | null };

/** The text typed into a picker, settled for a moment before it is sent. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface Props {
  roundId: string;
  role: EligibleRole;
  multiple: boolean;
  /** People already known by id (the round's jury and council), so chosen ids read as names before any search. */
  known: Readonly<Record<string, Person>>;
  /** Ids: a list when multiple, one id otherwise (set by the Form.Item around it). */
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  placeholder: string;
  testId: string;
  id?: string;
}

/**
 * Chooses people BY NAME: typing part of a name or e-mail asks the API for the active users holding the role whose
 * grant covers the round's area (GET /api/rounds/{id}/eligible-people); each option shows name, e-mail and unit.
 */
export function PeoplePicker({ roundId, role, multiple, known, value, onChange, placeholder, testId, id }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useSettled(typed.trim());
  const seen = useRef(new Map<string, Person>());
  const query = useQuery({
    queryKey: ['round', roundId, 'eligible', role, q],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap<EligiblePeople>(await api.GET('/api/rounds/{id}/eligible-people', { params: { path: { id: roundId }, query: { role, ...(q ? { q } : {}) } } })),
  });
  for (const person of query.data?.items ?? []) seen.current.set(person.id, person);
  const chosen: string[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const person = (personId: string): Person | undefined => seen.current.get(personId) ?? known[personId];
  const found = query.data?.items ?? [];
  const options = [...found.map((item) => item.id), ...chosen.filter((personId) => !found.some((item) => item.id === personId))].map((personId) => {
    const who = person(personId);
    return { value: personId, label: who?.displayName ?? t('round.people.unknown'), person: who };
  });
  return (
    <Select<string | string[], (typeof options)[number]>
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      className="full"
      placeholder={placeholder}
      value={value}
      onChange={(next) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      onBlur={() => setTyped('')}
      onSelect={() => setTyped('')}
      notFoundContent={query.isFetching ? <Spin size="small" aria-label={t('round.people.searching')} /> : t('round.people.noMatch')}
      options={options}
      optionRender={(option) => {
        const who = option.data.person;
        return (
          <Space direction="vertical" size={0} data-testid={`person-option-${who?.email ?? option.value}`}>
            <Typography.Text strong>{who?.displayName ?? option.label}</Typography.Text>
            <Typography.Text type="secondary">{[who?.email, who?.unitName].filter(Boolean).join(' · ')}</Typography.Text>
          </Space>
        );
      }}
    />
  );
}
