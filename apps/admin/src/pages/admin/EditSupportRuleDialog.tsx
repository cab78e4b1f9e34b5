import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { components } from '@khuyencong/api-client';
import { ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import '../../lib/dayjs-locale.js';

type Rule = components['schemas']['SupportRule'];
interface RuleForm {
  activityName: string;
  maxPercent: number | null;
  maxAmount: number | null;
  per: string;
  article: string;
  validTo: Dayjs | null;
}

const orNull = (text: string | undefined) => (text && text.trim() ? text.trim() : null);

/** A support cap: its name, percentage and amount caps (empty = none), basis and the end of its validity. */
export function EditSupportRuleDialog({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useAdminI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleForm>();
  const save = useMutation({
    mutationFn: async (values: RuleForm) =>
      unwrap(
        await api.PATCH('/api/admin/reference/support-rules/{code}', {
          params: { path: { code: rule.code } },
          body: {
            activityName: values.activityName.trim(),
            maxPercent: values.maxPercent,
            maxAmount: values.maxAmount,
            per: orNull(values.per),
            article: orNull(values.article),
            validTo: values.validTo ? values.validTo.format('YYYY-MM-DD') : null,
          },
        }),
      ),
    onSuccess: () => {
      void message.success(t('reference.ruleSaved', { name: rule.activityName }));
      void queryClient.invalidateQueries({ queryKey: ['ref', 'rules'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      width={640}
      title={t('reference.editRule', { name: rule.activityName })}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      <Form<RuleForm>
        form={form}
        name="edit-support-rule"
        layout="vertical"
        initialValues={{
          activityName: rule.activityName,
          maxPercent: rule.maxPercent === null ? null : Number(rule.maxPercent),
          maxAmount: rule.maxAmount === null ? null : Number(rule.maxAmount),
          per: rule.per ?? '',
          article: rule.article ?? '',
          validTo: rule.validTo ? dayjs(rule.validTo) : null,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="activityName"
          label={t('reference.name')}
          rules={[{ required: true, whitespace: true, max: 300, message: t('instance.fieldRequired') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="maxPercent"
          label={t('reference.maxPercent')}
          extra={t('reference.percentRule')}
          rules={[{ type: 'number', min: 0, max: 100, message: t('reference.percentRule') }]}
        >
          <InputNumber step={0.01} decimalSeparator="," addonAfter="%" className="full" />
        </Form.Item>
        <Form.Item
          name="maxAmount"
          label={t('reference.maxAmount')}
          extra={t('reference.amountRule')}
          rules={[{ type: 'number', min: 0, message: t('reference.amountRule') }]}
        >
          <InputNumber<number>
            precision={0}
            className="full"
            addonAfter="đ"
            formatter={(value) => (value === undefined || value === null || `${value}` === '' ? '' : Number(value).toLocaleString('vi-VN'))}
            parser={(text) => Number((text ?? '').replace(/\D/g, ''))}
          />
        </Form.Item>
        <Form.Item name="per" label={t('reference.per')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="article" label={t('reference.article')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="validTo" label={t('reference.validTo')}>
          <DatePicker format="DD/MM/YYYY" className="full" />
        </Form.Item>
      </Form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
