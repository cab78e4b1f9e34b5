import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/Feedback.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions } from '../../lib/format.js';
import { amountRules, vndInput } from '../plans/money.js';
import { matchesName } from '../public/units.js';

interface Values {
  provinceCode: string;
  centreName: string;
  clientName: string;
  service: string;
  contractValue: number;
  signedOn: Dayjs;
}

/** A new consulting engagement of a province the officer works on; opens its page once recorded. */
export function CreateEngagementDialog({ provinces, onClose }: { provinces: { value: string; label: string }[]; onClose: () => void }) {
  const { t, locale } = usePlansI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const value = Form.useWatch('contractValue', form);
  const create = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(
        await api.POST('/api/consulting/engagements', {
          body: {
            provinceCode: values.provinceCode,
            centreName: values.centreName.trim(),
            clientName: values.clientName.trim(),
            service: values.service.trim(),
            contractValue: values.contractValue,
            signedOn: values.signedOn.format('YYYY-MM-DD'),
          },
        }),
      ),
    onSuccess: async (created) => {
      void message.success(t('cs.created', { client: created.clientName }));
      await client.invalidateQueries({ queryKey: ['engagements'] });
      void navigate(`/consulting/engagements/${created.id}`);
    },
  });
  const text = (max: number) => [{ required: true, whitespace: true, max, message: t('pc.rule.text', { max }) }];
  return (
    <Modal
      open
      width={720}
      title={t('cs.new.title')}
      okText={t('cs.new')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-engagement-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="create-engagement-form"
        initialValues={{ provinceCode: provinces.length === 1 ? provinces[0]!.value : undefined }}
        onFinish={(values) => create.mutate(values)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="provinceCode" label={t('cs.field.province')} rules={[{ required: true, message: t('pc.rule.required') }]}>
              <Select showSearch={{ filterOption: matchesName }} options={provinces} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="signedOn" label={t('cs.field.signedOn')} rules={[{ required: true, message: t('pc.rule.required') }]}>
              <DatePicker className="full" format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="centreName" label={t('cs.field.centre')} rules={text(300)}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="clientName" label={t('cs.field.client')} rules={text(300)}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="service" label={t('cs.field.service')} rules={text(500)}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="contractValue"
          label={t('cs.field.value')}
          rules={amountRules(t('pc.rule.amount'))}
          extra={typeof value === 'number' && value >= 0 ? t('pc.amountHint', { amount: formatBillions(value, locale) }) : undefined}
        >
          <InputNumber<number> {...vndInput} suffix="đ" />
        </Form.Item>
      </Form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
