import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, List, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import '../../lib/dayjs-locale.js';

interface Move {
  provinceCode: string;
  regionCode: string;
  validFrom: Dayjs;
}

/**
 * The contest regions (issue 16): each region with its provinces on a date, and a form that moves a province to
 * another region from a date (the API ends the current membership the day before). One column on a phone.
 */
export function RegionMembershipsSection() {
  const { t, label, locale } = useAdminI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Move>();
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [done, setDone] = useState<string | null>(null);
  const date = on.format('YYYY-MM-DD');
  const listing = useQuery({
    queryKey: ['ref', 'region-memberships', date],
    queryFn: async () => unwrap(await api.GET('/api/admin/reference/region-memberships', { params: { query: { date } } })),
  });
  const regions = listing.data?.regions ?? [];
  const memberships = regions.flatMap((region) => region.provinces.map((province) => ({ ...province, regionCode: region.code })));
  const membershipOf = (provinceCode: string | undefined) => memberships.find((membership) => membership.code === provinceCode);
  const move = useMutation({
    mutationFn: async (values: Move) =>
      unwrap(
        await api.PUT('/api/admin/reference/region-memberships/{provinceCode}', {
          params: { path: { provinceCode: values.provinceCode } },
          body: { regionCode: values.regionCode, validFrom: values.validFrom.format('YYYY-MM-DD') },
        }),
      ),
    onSuccess: (result) => {
      setDone(
        t('regions.done', {
          province: label('province', result.provinceCode),
          region: label('region', result.regionCode),
          date: formatDate(result.validFrom, locale),
        }),
      );
      form.resetFields();
      return queryClient.invalidateQueries({ queryKey: ['ref'] });
    },
  });
  const choose = (provinceCode: string) => {
    setDone(null);
    form.setFieldsValue({ provinceCode, regionCode: undefined });
    void form.validateFields(['regionCode', 'validFrom']).catch(() => undefined);
  };
  return (
    <Card
      className="gap-top"
      title={t('regions.title')}
      data-testid="region-memberships"
      extra={<DatePicker value={on} onChange={(value) => value && setOn(value)} format="DD/MM/YYYY" allowClear={false} aria-label={t('regions.on')} />}
    >
      <Typography.Paragraph type="secondary">{t('regions.intro')}</Typography.Paragraph>
      {listing.isError ? <ErrorAlert error={listing.error} onRetry={() => void listing.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {regions.map((region) => (
          <Col xs={24} lg={8} key={region.code}>
            <Card
              size="small"
              title={label('region', region.code)}
              extra={t('regions.count', { count: region.provinces.length })}
              data-testid={`region-${region.code}`}
            >
              <List
                size="small"
                loading={listing.isFetching}
                dataSource={region.provinces}
                locale={{ emptyText: <EmptyState why={t('regions.empty')} /> }}
                renderItem={(province) => (
                  <List.Item
                    key={province.code}
                    data-testid={`membership-${province.code}`}
                    actions={[
                      <Button
                        key="move"
                        size="small"
                        type="link"
                        onClick={() => choose(province.code)}
                        aria-label={`${t('regions.move')}: ${label('province', province.code)}`}
                      >
                        {t('regions.move')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={label('province', province.code)}
                      description={[
                        t('regions.since', { date: formatDate(province.validFrom, locale) }),
                        province.validTo ? t('regions.until', { date: formatDate(province.validTo, locale) }) : null,
                      ]
                        .filter(Boolean)
                        .join(' ')}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} className="gap-top">
        {t('regions.move')}
      </Typography.Title>
      <Form<Move>
        form={form}
        layout="vertical"
        onFinish={(values) => move.mutate(values)}
        onValuesChange={() => setDone(null)}
        data-testid="region-move-form"
        style={{ maxWidth: 480 }}
      >
        <Form.Item name="provinceCode" label={t('regions.province')} rules={[{ required: true, message: t('regions.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={memberships
              .map((membership) => ({ value: membership.code, label: label('province', membership.code) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale))}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('regions.region')}
          dependencies={['provinceCode']}
          rules={[
            { required: true, message: t('regions.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && membershipOf(getFieldValue('provinceCode') as string | undefined)?.regionCode === value
                  ? Promise.reject(new Error(t('regions.sameRegion')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Select options={regions.map((region) => ({ value: region.code, label: label('region', region.code) }))} />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('regions.validFrom')}
          dependencies={['provinceCode']}
          rules={[
            { required: true, message: t('regions.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) => {
                const current = membershipOf(getFieldValue('provinceCode') as string | undefined);
                return value && current && value.format('YYYY-MM-DD') <= current.validFrom
                  ? Promise.reject(new Error(t('regions.afterStart', { date: formatDate(current.validFrom, locale) })))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} aria-label={t('regions.validFrom')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={move.isPending}>
          {t('regions.submit')}
        </Button>
      </Form>
      {move.isError ? <ErrorAlert error={move.error} /> : null}
      {done ? <Alert className="gap-top" type="success" showIcon message={done} data-testid="region-move-done" /> : null}
    </Card>
  );
}
