import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { paths } from '@khuyencong/api-client';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import '../../lib/dayjs-locale.js';
import { EditDayDialog } from './EditDayDialog.js';

type Day = paths['/api/admin/calendars/{code}/days']['get']['responses'][200]['content']['application/json']['days'][number];
interface NewDay {
  date: Dayjs;
  kind: Day['kind'];
  name: string;
}
const WEEKDAYS_VI = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Public holidays and make-up working days per year: the SLA clocks count working days from these. */
export default function CalendarsPage() {
  const { t, label, locale } = useAdminI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewDay>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [code, setCode] = useState<string | undefined>();
  const [editing, setEditing] = useState<Day | null>(null);
  const calendars = useQuery({ queryKey: ['admin', 'calendars'], queryFn: async () => unwrap(await api.GET('/api/admin/calendars')) });
  const current = code ?? calendars.data?.[0]?.code;
  const days = useQuery({
    queryKey: ['admin', 'calendar-days', current, year],
    enabled: current !== undefined,
    queryFn: async () => unwrap(await api.GET('/api/admin/calendars/{code}/days', { params: { path: { code: current ?? '' }, query: { year } } })),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: ['admin', 'calendar-days'] });
  const add = useMutation({
    mutationFn: async (day: NewDay) =>
      unwrap(
        await api.POST('/api/admin/calendars/{code}/days', {
          params: { path: { code: current ?? '' } },
          body: { date: day.date.format('YYYY-MM-DD'), kind: day.kind, name: day.name.trim() },
        }),
      ),
    onSuccess: () => {
      form.resetFields();
      return reload();
    },
  });
  const remove = useMutation({
    mutationFn: async (date: string) => {
      const result = await api.DELETE('/api/admin/calendars/{code}/days/{date}', { params: { path: { code: current ?? '', date } } });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: reload,
  });
  const weekdays = locale === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN;
  const calendar = calendars.data?.find((item) => item.code === current);
  return (
    <Card
      title={t('calendars.title')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('calendars.title')}
            value={current}
            onChange={setCode}
            options={(calendars.data ?? []).map((item) => ({ value: item.code, label: item.name }))}
            style={{ minWidth: 180 }}
          />
          <InputNumber aria-label={t('calendars.year')} value={year} min={2000} max={2100} onChange={(value) => value && setYear(value)} />
        </Space>
      }
    >
      {calendars.isError ? <ErrorAlert error={calendars.error} onRetry={() => void calendars.refetch()} /> : null}
      {days.isError ? <ErrorAlert error={days.error} onRetry={() => void days.refetch()} /> : null}
      {calendar ? (
        <Typography.Paragraph>{t('calendars.weekend', { days: calendar.weekendDays.map((day) => weekdays[day % 7]).join(', ') })}</Typography.Paragraph>
      ) : null}
      <Table<Day>
        data-testid="calendar-days"
        size="small"
        rowKey="date"
        loading={days.isFetching}
        dataSource={days.data?.days ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState why={t('calendars.empty')} /> }}
        columns={[
          { title: t('calendars.date'), key: 'date', render: (_, day) => formatDate(day.date, locale) },
          {
            title: t('calendars.kind'),
            key: 'kind',
            render: (_, day) => <Tag color={day.kind === 'holiday' ? 'red' : 'blue'}>{label('calendarDayKind', day.kind)}</Tag>,
          },
          { title: t('calendars.name'), dataIndex: 'name', key: 'name' },
          {
            key: 'remove',
            render: (_, day) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(day)}>
                  {t('calendars.edit')}
                </Button>
                <Popconfirm
                  title={t('calendars.remove')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(day.date)}
                >
                  <Button size="small" danger>
                    {t('calendars.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      <Form<NewDay> form={form} layout="inline" className="gap-top" onFinish={(values) => add.mutate(values)} initialValues={{ kind: 'holiday' }}>
        <Form.Item name="date" rules={[{ required: true, message: t('instance.fieldRequired') }]}>
          <DatePicker format="DD/MM/YYYY" placeholder={t('calendars.date')} aria-label={t('calendars.date')} />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            aria-label={t('calendars.kind')}
            style={{ width: 180 }}
            options={(['holiday', 'makeup_workday'] as const).map((kind) => ({ value: kind, label: label('calendarDayKind', kind) }))}
          />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('instance.fieldRequired') }]}>
          <Input placeholder={t('calendars.name')} aria-label={t('calendars.name')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('calendars.add')}
        </Button>
      </Form>
      {add.isError ? <ErrorAlert error={add.error} /> : null}
      {editing && current ? <EditDayDialog calendarCode={current} day={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
