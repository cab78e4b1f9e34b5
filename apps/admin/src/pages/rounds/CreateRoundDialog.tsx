import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/Feedback.js';
import { useRoundContactI18n } from '../../i18n/roundContact.js';
import { communeLabel, LABELS } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import type { CreateRoundBody, Round } from './types.js';

type Level = Round['level'];

/** A grant of the user, with the name of its unit when /api/auth/me gave it. */
export interface Grant {
  role: string;
  scopeType: string;
  scopeId: string | null;
  scopeName?: string | null;
}

/** A level the user may organise and, for each, the areas by name (the code stays hidden in the value). */
export interface Organisable {
  level: Level;
  areas: { code: string; name: string }[];
}

/**
 * What the user may organise, from their grants: a commune officer the commune of the grant, a provincial officer
 * the province, a central officer (national grant) a region or the whole country. Communes are named by the API
 * (GET /api/auth/me names each grant's unit), else "Xã (code)".
 */
export function organisable(
  grants: readonly Grant[],
  label: (kind: 'province' | 'region', code: string) => string,
  locale: 'vi' | 'en',
  nationwide: string,
): Organisable[] {
  const levels: Organisable[] = [];
  const communes = grants.filter((grant) => grant.role === 'commune_officer' && grant.scopeType === 'commune' && grant.scopeId);
  if (communes.length > 0)
    levels.push({
      level: 'commune',
      areas: communes.map((grant) => ({ code: grant.scopeId!, name: grant.scopeName || communeLabel(grant.scopeId!, locale) })),
    });
  const provinces = grants.filter((grant) => grant.role === 'provincial_officer' && grant.scopeType === 'province' && grant.scopeId);
  if (provinces.length > 0)
    levels.push({ level: 'province', areas: provinces.map((grant) => ({ code: grant.scopeId!, name: label('province', grant.scopeId!) })) });
  if (grants.some((grant) => grant.role === 'central_officer' && grant.scopeType === 'national')) {
    levels.push({ level: 'region', areas: Object.keys(LABELS.region).map((code) => ({ code, name: label('region', code) })) });
    levels.push({ level: 'national', areas: [{ code: 'VN', name: nationwide }] });
  }
  return levels;
}

interface Values {
  name: string;
  level: Level;
  scopeCode: string;
  year: number;
  opens: Dayjs;
  closes: Dayjs;
  criteriaSetCode: string;
  passThreshold: number;
  nominationQuota: number | null;
  screeningWorkingDays: number;
  contact?: { name?: string; phone?: string; email?: string };
}

/** The API's rule for a contact phone (ck_rounds_contact_phone): digits, spaces and + . - ( ), 8–20 characters. */
const PHONE = /^[0-9 +.()-]{8,20}$/;

/** The contact's filled parts, trimmed; undefined when none is filled (the round then names its organiser). */
function contactOf(values: Values['contact']): CreateRoundBody['contact'] {
  const name = values?.name?.trim();
  const phone = values?.phone?.trim();
  const email = values?.email?.trim();
  if (!name && !phone && !email) return undefined;
  return { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}

/** The instant a registration date starts (00:00) or ends (23:59:59) in Viet Nam, as the API's ISO instant. */
function instant(date: Dayjs, end: boolean): string {
  return new Date(`${date.format('YYYY-MM-DD')}T${end ? '23:59:59' : '00:00:00'}+07:00`).toISOString();
}

/** The officer's form for a new round: inline rules state every range before anything is sent. */
export function CreateRoundDialog({ levels, onClose }: { levels: Organisable[]; onClose: () => void }) {
  const { t, label } = useRoundContactI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const areas = levels.find((item) => item.level === level)?.areas ?? [];
  const first = levels[0];
  const create = useMutation({
    mutationFn: async (values: Values) => {
      const body: CreateRoundBody = {
        name: values.name.trim(),
        level: values.level,
        year: values.year,
        ...(values.level === 'national' ? {} : { scopeCode: values.scopeCode }),
        registrationOpensAt: instant(values.opens, false),
        registrationClosesAt: instant(values.closes, true),
        criteriaSetCode: values.criteriaSetCode,
        passThreshold: values.passThreshold,
        nominationQuota: values.nominationQuota ?? null,
        screeningWorkingDays: values.screeningWorkingDays,
        contact: contactOf(values.contact),
      };
      return unwrap<Round>(await api.POST('/api/rounds', { body }));
    },
    onSuccess: async (round) => {
      void message.success(t('rounds.created', { name: round.name }));
      await queryClient.invalidateQueries({ queryKey: ['rounds'] });
      void navigate(`/rounds/${round.id}`);
    },
  });
  const required = { required: true, message: t('rounds.rule.required') };
  return (
    <Modal
      open
      width={760}
      title={t('rounds.create.title')}
      okText={t('rounds.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-round-submit' }}
      destroyOnHidden
    >
      <p>{t('rounds.create.intro')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="create-round-form"
        initialValues={{
          level: first?.level,
          scopeCode: first?.areas.length === 1 ? first.areas[0]!.code : undefined,
          year: dayjs().year(),
          criteriaSetCode: 'TT26-PL4',
          passThreshold: 70,
          nominationQuota: 5,
          screeningWorkingDays: 10,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.level === undefined) return;
          const next = levels.find((item) => item.level === changed.level)?.areas ?? [];
          form.setFieldValue('scopeCode', next.length === 1 ? next[0]!.code : undefined);
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="name" label={t('rounds.field.name')} rules={[{ required: true, whitespace: true, min: 3, max: 300, message: t('rounds.rule.name') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="level" label={t('rounds.field.level')} rules={[required]}>
              <Select options={levels.map((item) => ({ value: item.level, label: label('level', item.level) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="scopeCode" label={t('rounds.field.area')} rules={[required]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={areas.map((area) => ({ value: area.code, label: area.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="year"
              label={t('rounds.field.year')}
              rules={[{ ...required, type: 'integer', min: 2000, max: 2100, message: t('rounds.rule.year') }]}
              extra={t('rounds.rule.year')}
            >
              <InputNumber className="full" precision={0} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="opens" label={t('rounds.field.opens')} rules={[required]}>
              <DatePicker className="full" format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="closes"
              label={t('rounds.field.closes')}
              dependencies={['opens']}
              extra={t('rounds.rule.closesAfter')}
              rules={[
                required,
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | undefined) => {
                    const opens = getFieldValue('opens') as Dayjs | undefined;
                    return value && opens && !value.isAfter(opens, 'day') ? Promise.reject(new Error(t('rounds.rule.closesAfter'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker className="full" format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="criteriaSetCode" label={t('rounds.field.criteria')} rules={[required]}>
              <Select options={Object.keys(LABELS.criteriaSet).map((code) => ({ value: code, label: label('criteriaSet', code) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="passThreshold"
              label={t('rounds.field.threshold')}
              extra={t('rounds.help.threshold')}
              rules={[{ ...required, type: 'number', min: 0, max: 100, message: t('rounds.rule.threshold') }]}
            >
              <InputNumber className="full" step={1} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nominationQuota"
              label={t('rounds.field.quota')}
              extra={t('rounds.rule.quota')}
              rules={[{ type: 'integer', min: 0, max: 1000, message: t('rounds.rule.quota') }]}
            >
              <InputNumber className="full" precision={0} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="screeningWorkingDays"
              label={t('rounds.field.screening')}
              rules={[{ ...required, type: 'integer', min: 1, max: 60, message: t('rounds.rule.screening') }]}
            >
              <InputNumber className="full" precision={0} />
            </Form.Item>
          </Col>
        </Row>
        <fieldset data-testid="round-contact" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 'inherit', marginBottom: 4 }}>{t('contact.section')}</legend>
          <p>{t('contact.help')}</p>
          <Form.Item
            name={['contact', 'name']}
            label={t('contact.field.name')}
            rules={[{ whitespace: true, min: 2, max: 300, message: t('contact.rule.name') }]}
          >
            <Input maxLength={300} placeholder={t('contact.placeholder.name')} data-testid="contact-name-input" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name={['contact', 'phone']} label={t('contact.field.phone')} rules={[{ pattern: PHONE, message: t('contact.rule.phone') }]}>
                <Input maxLength={20} inputMode="tel" autoComplete="off" placeholder="0269 382 4567" data-testid="contact-phone-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name={['contact', 'email']} label={t('contact.field.email')} rules={[{ type: 'email', max: 254, message: t('contact.rule.email') }]}>
                <Input maxLength={254} inputMode="email" autoComplete="off" placeholder="phongqlcn@khuyencong.vn" data-testid="contact-email-input" />
              </Form.Item>
            </Col>
          </Row>
        </fieldset>
      </Form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
