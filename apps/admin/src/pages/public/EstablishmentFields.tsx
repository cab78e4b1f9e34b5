import { Checkbox, Col, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { currentProvinces, matchesName, useCommunes } from './units.js';

export const LEGAL_FORMS = ['enterprise', 'cooperative', 'household_business'] as const;
export const PRIORITY_FLAGS = ['womenOwned', 'ethnicMinority', 'difficultArea', 'disabledOwner'] as const;
export type PriorityFlag = (typeof PRIORITY_FLAGS)[number];
export const FLAG_LABEL: Record<PriorityFlag, MessageKey> = {
  womenOwned: 'pub.est.flag.womenOwned',
  ethnicMinority: 'pub.est.flag.ethnicMinority',
  difficultArea: 'pub.est.flag.difficultArea',
  disabledOwner: 'pub.est.flag.disabledOwner',
};

/** The establishment part of a form, as the user fills it. */
export interface EstablishmentValues {
  name: string;
  legalForm: (typeof LEGAL_FORMS)[number];
  registrationNumber: string;
  taxCode?: string;
  provinceCode: string;
  communeCode: string;
  flags?: PriorityFlag[];
}

/** The API's body for an establishment (RegisterEstablishmentBody): flags as a record, empty tax code left out. */
export function establishmentBody(values: EstablishmentValues) {
  const taxCode = values.taxCode?.trim();
  return {
    name: values.name.trim(),
    legalForm: values.legalForm,
    registrationNumber: values.registrationNumber.trim(),
    ...(taxCode ? { taxCode } : {}),
    provinceCode: values.provinceCode,
    communeCode: values.communeCode,
    priorityFlags: Object.fromEntries((values.flags ?? []).map((flag) => [flag, true])),
  };
}

/** The API's tax code rule: 10 digits, optionally -NNN for a dependent unit. */
export const TAX_CODE = /^\d{10}(-\d{3})?$/;

/**
 * The establishment's fields: name, legal form, registration number, tax code, province → commune by name (today's
 * units), priority groups. `prefix` nests them in a larger form; `provinces`/`communes` narrow the choice to an
 * officer's scope.
 */
export function EstablishmentFields(props: { form: FormInstance; prefix?: string[]; provinces?: string[]; communes?: string[] }) {
  const { t, label, locale } = useI18n();
  const prefix = props.prefix ?? [];
  const path = (name: string) => [...prefix, name];
  const province = Form.useWatch<string | undefined>(path('provinceCode'), props.form);
  const communes = useCommunes();
  const provinceOptions = currentProvinces(locale).filter((option) => !props.provinces || props.provinces.includes(option.value));
  const communeOptions = (province ? (communes.data?.get(province) ?? []) : []).filter((option) => !props.communes || props.communes.includes(option.value));
  return (
    <>
      <Form.Item label={t('pub.est.name')} name={path('name')} rules={[{ required: true, whitespace: true, min: 2, max: 300, message: t('pub.est.nameRule') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label={t('pub.est.legalForm')} name={path('legalForm')} rules={[{ required: true, message: t('pub.est.legalFormRule') }]}>
        <Radio.Group options={LEGAL_FORMS.map((code) => ({ value: code, label: label('legalForm', code) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('pub.est.registrationNumber')}
            name={path('registrationNumber')}
            rules={[{ required: true, whitespace: true, min: 3, max: 50, message: t('pub.est.registrationNumberRule') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('pub.est.taxCode')}
            name={path('taxCode')}
            extra={t('pub.est.taxCodeHelp')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  !value?.trim() || TAX_CODE.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('pub.est.taxCodeRule'))),
              },
            ]}
          >
            <Input maxLength={14} inputMode="numeric" placeholder="5900123456" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('pub.est.province')} name={path('provinceCode')} rules={[{ required: true, message: t('pub.est.provinceRule') }]}>
            <Select
              showSearch={{ filterOption: matchesName }}
              options={provinceOptions}
              onChange={() => props.form.setFieldValue(path('communeCode'), undefined)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('pub.est.commune')}
            name={path('communeCode')}
            extra={t('pub.est.unitsHelp')}
            rules={[{ required: true, message: t('pub.est.communeRule') }]}
          >
            <Select
              showSearch={{ filterOption: matchesName }}
              options={communeOptions}
              loading={communes.isLoading}
              disabled={!province}
              placeholder={province ? undefined : t('pub.est.communeFirst')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('pub.est.priority')} name={path('flags')}>
        <Checkbox.Group options={PRIORITY_FLAGS.map((flag) => ({ value: flag, label: t(FLAG_LABEL[flag]) }))} />
      </Form.Item>
    </>
  );
}
