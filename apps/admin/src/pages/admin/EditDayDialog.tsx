import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import type { paths } from '@khuyencong/api-client';
import { ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';

type Day = paths['/api/admin/calendars/{code}/days']['get']['responses'][200]['content']['application/json']['days'][number];
type DayBody = paths['/api/admin/calendars/{code}/days/{date}']['put']['requestBody']['content']['application/json'];

/** Renames a holiday or turns it into a make-up working day (and back). */
export function EditDayDialog({ calendarCode, day, onClose }: { calendarCode: string; day: Day; onClose: () => void }) {
  const { t, label, locale } = useAdminI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DayBody>();
  const date = formatDate(day.date, locale);
  const save = useMutation({
    mutationFn: async (body: DayBody) =>
      unwrap(
        await api.PUT('/api/admin/calendars/{code}/days/{date}', {
          params: { path: { code: calendarCode, date: day.date } },
          body: { kind: body.kind, name: body.name.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success(t('calendars.saved', { date }));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'calendar-days'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('calendars.editTitle', { date })}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      <Form<DayBody>
        form={form}
        name="edit-day"
        layout="vertical"
        initialValues={{ kind: day.kind, name: day.name }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="kind" label={t('calendars.kind')}>
          <Select options={(['holiday', 'makeup_workday'] as const).map((kind) => ({ value: kind, label: label('calendarDayKind', kind) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('instance.fieldRequired') }]}>
          <Input />
        </Form.Item>
      </Form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
