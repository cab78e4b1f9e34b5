import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import '../../lib/dayjs-locale.js';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import { LABELS } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { matchesName } from '../public/units.js';
import { MoneyField } from './fields.js';
import {
  RuleRefusal,
  useCreateScheme,
  useImplementingUnits,
  useScheme,
  useSchemeRules,
  useUpdateScheme,
  type CreateSchemeBody,
  type UpdateSchemeBody,
} from './queries.js';
import { EDITABLE_STAGES, type Scheme } from './types.js';
import { checkLines } from './ruleCheck.js';
import { BudgetLinesFields } from './BudgetLinesFields.js';

interface LineValues {
  activityCode?: string;
  description?: string;
  eligibleCost?: number | null;
  supportAmount?: number | null;
  technologyLine?: boolean;
  /** Kept as the scheme has it (a line of one beneficiary establishment); the form does not show it. */
  establishmentId?: string | null;
}

interface Values {
  title: string;
  year: number;
  provinceCode: string;
  fundingSource: 'NATIONAL' | 'LOCAL';
  implementingUnitId: string;
  contentGroupCode: string;
  subActivity: string;
  location: string;
  endsOn?: Dayjs | null;
  beneficiaries?: { name?: string; supportAmount?: number | null; coFundingAmount?: number | null; organisationId?: string | null }[];
  budgetLines?: LineValues[];
}

const thisYear = new Date().getFullYear();

/** The form's values of a saved scheme (its edit). */
function valuesOf(scheme: Scheme): Values {
  return {
    title: scheme.title,
    year: scheme.year,
    provinceCode: scheme.provinceCode,
    fundingSource: scheme.fundingSource as Values['fundingSource'],
    implementingUnitId: scheme.implementingUnitId ?? '',
    contentGroupCode: scheme.contentGroupCode,
    subActivity: scheme.subActivity,
    location: scheme.location,
    endsOn: scheme.endsOn ? dayjs(scheme.endsOn) : null,
    beneficiaries: scheme.beneficiaries.map((item) => ({
      name: item.name,
      supportAmount: item.supportAmount,
      coFundingAmount: item.coFundingAmount,
      organisationId: item.organisationId,
    })),
    budgetLines: scheme.budgetLines.map((line) => ({
      activityCode: line.activityCode,
      description: line.description,
      eligibleCost: line.eligibleCost,
      supportAmount: line.supportAmount,
      technologyLine: line.technologyLine,
      establishmentId: line.establishmentId,
    })),
  };
}
const sum = (values: readonly (number | null | undefined)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** The provinces the user is provincial officer of, by name (GET /api/auth/me names the grants' units). */
function useOfficerProvinces(): { code: string; name: string }[] {
  const session = useSession();
  const { label } = useSchemesI18n();
  const me = useQuery({ queryKey: ['me', session?.user.id], staleTime: 5 * 60_000, queryFn: async () => unwrap(await api.GET('/api/auth/me')) });
  const grants = session?.user.grants ?? [];
  return grants
    .filter((grant) => grant.role === 'provincial_officer' && grant.scopeType === 'province' && grant.scopeId)
    .map((grant) => ({
      code: grant.scopeId!,
      name: me.data?.grants.find((named) => named.scopeId === grant.scopeId)?.scopeName ?? label('province', grant.scopeId!),
    }));
}

/**
 * A new scheme (a provincial officer), or a draft or returned one rewritten (`/schemes/:id/edit`: year, province and
 * fund stay as they are): the implementing unit chosen from the province's units by name, the activity
 * by its label, beneficiaries and budget lines — each line checked against the support rule in force on the scheme's
 * date as the user types, and the server's refusal (422 naming the rule) shown beside the line it concerns.
 */
export default function SchemeFormPage() {
  const { t, label, locale } = useSchemesI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { id } = useParams();
  const existing = useScheme(id ?? '', id !== undefined);
  const editing = existing.data;
  const provinces = useOfficerProvinces();
  const create = useCreateScheme();
  const update = useUpdateScheme(editing);
  const saving = editing ? update : create;
  const [refusal, setRefusal] = useState<RuleRefusal | null>(null);
  const provinceCode = Form.useWatch('provinceCode', form);
  const year = Form.useWatch('year', form);
  const fundingSource = Form.useWatch('fundingSource', form);
  const contentGroupCode = Form.useWatch('contentGroupCode', form);
  const lines = Form.useWatch('budgetLines', form) ?? [];
  const beneficiaries = Form.useWatch('beneficiaries', form) ?? [];
  const units = useImplementingUnits(provinceCode);
  const rules = useSchemeRules(provinceCode, year, fundingSource);

  useEffect(() => {
    if (id === undefined && !form.getFieldValue('provinceCode') && provinces[0]) form.setFieldValue('provinceCode', provinces[0].code);
  }, [form, provinces, id]);
  useEffect(() => {
    const only = units.data?.items.length === 1 ? units.data.items[0] : undefined;
    if (only && !form.getFieldValue('implementingUnitId')) form.setFieldValue('implementingUnitId', only.id);
  }, [form, units.data]);

  const activities = rules.data?.activities ?? [];
  const checks = useMemo(() => checkLines(lines, rules.data?.supportRules ?? []), [lines, rules.data]);
  const eligible = sum(lines.map((line) => line.eligibleCost));
  const support = sum(lines.map((line) => line.supportAmount));

  if (provinces.length === 0) return <EmptyState why={t('schemeForm.noProvince')} />;
  if (id !== undefined && !editing) return existing.error ? <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} /> : <Loading />;
  if (editing && !EDITABLE_STAGES.has(editing.stage)) return <EmptyState why={t('schemeForm.locked')} />;

  const submit = (values: Values) => {
    setRefusal(null);
    const body: CreateSchemeBody = {
      title: values.title.trim(),
      year: values.year,
      provinceCode: values.provinceCode,
      fundingSource: values.fundingSource,
      implementingUnitId: values.implementingUnitId,
      contentGroupCode: values.contentGroupCode,
      subActivity: values.subActivity as CreateSchemeBody['subActivity'],
      location: values.location.trim(),
      ...(values.endsOn ? { endsOn: values.endsOn.format('YYYY-MM-DD') } : {}),
      beneficiaries: (values.beneficiaries ?? []).map((item) => ({
        name: (item.name ?? '').trim(),
        supportAmount: item.supportAmount ?? 0,
        coFundingAmount: item.coFundingAmount ?? 0,
        ...(item.organisationId ? { organisationId: item.organisationId } : {}),
      })),
      budgetLines: (values.budgetLines ?? []).map((line) => ({
        activityCode: line.activityCode as CreateSchemeBody['subActivity'],
        description: (line.description ?? '').trim(),
        eligibleCost: line.eligibleCost ?? 0,
        supportAmount: line.supportAmount ?? 0,
        ...(line.technologyLine ? { technologyLine: true } : {}),
        ...(line.establishmentId ? { establishmentId: line.establishmentId } : {}),
      })),
    };
    const saved = (scheme: Scheme, key: 'schemeForm.saved' | 'schemeForm.updated') => {
      void message.success(t(key, { name: scheme.title }));
      void navigate(`/schemes/${scheme.id}`);
    };
    const refused = (error: Error) => setRefusal(error instanceof RuleRefusal ? error : null);
    if (editing) {
      // Year, province and fund are fixed once created: the edit leaves them out.
      const { year: _year, provinceCode: _province, fundingSource: _fund, ...edit } = body;
      update.mutate(edit satisfies UpdateSchemeBody, { onSuccess: (scheme) => saved(scheme, 'schemeForm.updated'), onError: refused });
    } else {
      create.mutate(body, { onSuccess: (scheme) => saved(scheme, 'schemeForm.saved'), onError: refused });
    }
  };
  const refusedLine = refusal?.line ?? null;
  const required = [{ required: true, whitespace: true, message: t('schemeForm.required') }];

  return (
    <Card title={<Typography.Title level={3}>{editing ? t('schemeForm.editTitle', { code: editing.code }) : t('schemeForm.title')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('schemeForm.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="scheme-form"
        // An edit's form mounts once the scheme has arrived: its values are the initial ones (a later refresh of the
        // scheme does not overwrite what is being typed).
        initialValues={editing ? valuesOf(editing) : { year: thisYear, fundingSource: 'LOCAL', budgetLines: [{}], beneficiaries: [] }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.budgetLines) setRefusal(null);
          if (changed.provinceCode) form.setFieldValue('implementingUnitId', undefined);
          if (changed.contentGroupCode) form.setFieldValue('subActivity', undefined);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={24}>
            <Form.Item name="title" label={t('schemeForm.name')} rules={[...required, { max: 300 }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="provinceCode" label={t('schemeForm.province')} rules={required}>
              <Select
                disabled={Boolean(editing)}
                options={[
                  ...provinces.map((province) => ({ value: province.code, label: province.name })),
                  // A scheme of a province the officer covers as its successor's officer: named from the label source.
                  ...(editing && !provinces.some((province) => province.code === editing.provinceCode)
                    ? [{ value: editing.provinceCode, label: label('province', editing.provinceCode) }]
                    : []),
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="year"
              label={t('schemeForm.year')}
              rules={[{ required: true, type: 'integer', min: 2021, max: 2100, message: t('schemeForm.required') }]}
            >
              <InputNumber<number> className="full" min={2021} max={2100} precision={0} disabled={Boolean(editing)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fundingSource" label={t('schemeForm.source')} rules={required}>
              <Radio.Group disabled={Boolean(editing)} options={['LOCAL', 'NATIONAL'].map((code) => ({ value: code, label: label('fundingSource', code) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="implementingUnitId"
              label={t('schemeForm.unit')}
              rules={required}
              extra={units.data?.items.length === 0 ? t('schemeForm.noUnits') : undefined}
            >
              <Select loading={units.isLoading} options={(units.data?.items ?? []).map((unit) => ({ value: unit.id, label: unit.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={t('schemeForm.location')} rules={[...required, { max: 300 }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="endsOn" label={t('schemeForm.endsOn')} extra={t('schemeForm.endsOnHint')}>
              <DatePicker format="DD/MM/YYYY" className="full" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contentGroupCode" label={t('schemeForm.contentGroup')} rules={required}>
              <Select
                showSearch={{ filterOption: matchesName }}
                popupMatchSelectWidth={false}
                options={Object.keys(LABELS.contentGroup).map((code) => ({ value: code, label: label('contentGroup', code) }))}
                optionRender={(option) => <span style={{ whiteSpace: 'normal' }}>{option.label}</span>}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="subActivity" label={t('schemeForm.activity')} rules={required}>
              <Select
                showSearch={{ filterOption: matchesName }}
                options={activities
                  .filter((activity) => activity.contentGroup === contentGroupCode)
                  .map((activity) => ({ value: activity.code, label: label('subActivity', activity.code) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {rules.data?.registrationDeadline ? (
          <Alert
            className="gap"
            type="info"
            showIcon
            title={t('schemeForm.deadline', {
              date: formatDate(rules.data.registrationDeadline.deadline, locale),
              citation: rules.data.registrationDeadline.citation,
            })}
          />
        ) : null}
        {rules.error ? <ErrorAlert error={rules.error} /> : null}

        <Typography.Title level={4}>{t('schemeForm.beneficiaries')}</Typography.Title>
        <Form.List name="beneficiaries">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} data-testid="beneficiary" align="bottom">
                  <Col xs={24} md={10}>
                    <Form.Item name={[field.name, 'name']} label={t('schemeForm.beneficiary')} rules={required}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <MoneyField name={[field.name, 'supportAmount']} label={t('schemeForm.support')} />
                  </Col>
                  <Col xs={24} md={6}>
                    <MoneyField name={[field.name, 'coFundingAmount']} label={t('schemeForm.coFunding')} />
                  </Col>
                  <Col xs={24} md={2}>
                    <Form.Item>
                      <Button onClick={() => remove(field.name)}>{t('schemeForm.remove')}</Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button className="gap" onClick={() => add({})} data-testid="add-beneficiary">
                {t('schemeForm.addBeneficiary')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={4}>{t('schemeForm.lines')}</Typography.Title>
        <BudgetLinesFields activities={activities} lines={lines} checks={checks} refusal={refusedLine === null ? null : refusal} required={required} />

        <Card size="small" className="gap" title={t('schemeForm.totals')} data-testid="totals">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('schemeForm.total.eligible')}>{formatVnd(eligible, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('schemeForm.total.national')}>
              <span data-testid="total-national">{formatVnd(fundingSource === 'NATIONAL' ? support : 0, locale)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('schemeForm.total.local')}>
              <span data-testid="total-local">{formatVnd(fundingSource === 'LOCAL' ? support : 0, locale)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('schemeForm.total.coFunding')}>
              <span data-testid="total-cofunding">
                {formatVnd(Math.max(eligible - support, sum(beneficiaries.map((item) => item.coFundingAmount))), locale)}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {saving.isError && refusedLine === null ? <ErrorAlert error={saving.error} /> : null}
        <Space wrap className="gap">
          <Button type="primary" htmlType="submit" loading={saving.isPending} data-testid="save-scheme">
            {editing ? t('schemeForm.saveEdit') : t('schemeForm.save')}
          </Button>
          <Button onClick={() => void navigate(editing ? `/schemes/${editing.id}` : '/schemes')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
