import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useCommunes } from '../../i18n/communes.js';
import { matchesName } from '../public/units.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { LABELS } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';

/** The unit of a grant, chosen by name for its scope type: a province or commune in force today, a region, an establishment. */
export function ScopePicker({
  scopeType,
  value,
  onChange,
  id,
}: {
  scopeType: string | undefined;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t, locale } = useAdminI18n();
  const units = useCommunes();
  const establishments = useQuery({
    queryKey: ['admin', 'scope-establishments'],
    enabled: scopeType === 'establishment',
    queryFn: async () => unwrap(await api.GET('/api/establishments', { params: { query: { limit: 500 } } })),
  });
  const provinceName = new Map(units.provinces.map((province) => [province.code, province.name]));
  const options =
    scopeType === 'province'
      ? units.provinces.map((province) => ({ value: province.code, label: province.name }))
      : scopeType === 'commune'
        ? units.all.map((commune) => ({ value: commune.code, label: `${commune.name} — ${provinceName.get(commune.provinceCode) ?? ''}` }))
        : scopeType === 'region'
          ? Object.entries(LABELS.region).map(([code, name]) => ({ value: code, label: name[locale] }))
          : scopeType === 'establishment'
            ? (establishments.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))
            : [];
  return (
    <Select
      id={id}
      showSearch={{ filterOption: matchesName }}
      value={value}
      onChange={onChange}
      options={options}
      disabled={scopeType === undefined || scopeType === 'national'}
      loading={(scopeType === 'commune' || scopeType === 'province') && !units.ready ? true : establishments.isFetching}
      placeholder={t('grants.scopePlaceholder')}
      virtual
    />
  );
}
