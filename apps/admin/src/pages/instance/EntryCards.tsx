import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Tag } from 'antd';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { communeLabel } from '../../i18n/labels/index.js';
import type { EntryView } from '../../lib/commands.js';
import { formatDate } from '../../lib/format.js';
import { useUpdateEntry, type ProductGroup } from './queries.js';

export const PRODUCT_GROUPS: readonly ProductGroup[] = ['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER'];

/** The product's name and group, as the application form and the product card ask for them (inside a Form). */
export function ProductFields({ nameTestId, groupTestId }: { nameTestId: string; groupTestId: string }) {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item
        name="productName"
        label={t('applying.productName')}
        extra={t('applying.productNameRule')}
        rules={[
          { required: true, whitespace: true, message: t('applying.productNameRule') },
          { min: 2, max: 300, message: t('applying.productNameRule') },
        ]}
      >
        <Input maxLength={300} data-testid={nameTestId} />
      </Form.Item>
      <Form.Item name="productGroup" label={t('applying.productGroup')} rules={[{ required: true, message: t('applying.chooseGroup') }]}>
        <Select options={PRODUCT_GROUPS.map((group) => ({ value: group, label: label('productGroup', group) }))} data-testid={groupTestId} />
      </Form.Item>
    </>
  );
}

/** The establishment behind the entry: who it is, where, and whether the province (or commune) has verified it. */
export function EstablishmentCard({ entry }: { entry: EntryView }) {
  const { t, label, locale } = useI18n();
  const establishment = entry.establishment;
  const commune = establishment.communeName ?? (establishment.communeCode ? communeLabel(establishment.communeCode, locale) : null);
  const province = establishment.provinceName ?? (establishment.provinceCode ? label('province', establishment.provinceCode) : null);
  return (
    <Card title={t('applying.establishment')} data-testid="establishment-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('applying.establishmentName')}>{establishment.name}</Descriptions.Item>
        <Descriptions.Item label={t('applying.legalForm')}>{establishment.legalForm ? label('legalForm', establishment.legalForm) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('applying.registrationNumber')}>{establishment.registrationNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('applying.taxCode')}>{establishment.taxCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('instance.commune')}>{commune ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('instance.province')}>{province ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('applying.verified')}>
          {establishment.verified ? (
            <Tag color="green" data-testid="verified">
              {establishment.verifiedAt ? t('applying.verifiedOn', { date: formatDate(establishment.verifiedAt, locale) }) : t('applying.verifiedYes')}
            </Tag>
          ) : (
            <Tag color="orange" data-testid="unverified">
              {t('applying.verifiedNo')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

interface ProductValues {
  productName: string;
  productGroup: ProductGroup;
}

/** The product: read-only, or a form the applicant saves while the entry is a draft or returned for revision. */
export function ProductCard({ entry, editable, version }: { entry: EntryView; editable: boolean; version: number }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const update = useUpdateEntry(entry.instanceId);
  useEffect(
    () => form.setFieldsValue({ productName: entry.productName, productGroup: entry.productGroup as ProductGroup }),
    [entry.productName, entry.productGroup, form],
  );
  if (!editable) {
    return (
      <Card title={t('applying.product')} data-testid="product-card">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('applying.productName')}>{entry.productName}</Descriptions.Item>
          <Descriptions.Item label={t('applying.productGroup')}>{label('productGroup', entry.productGroup)}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  const save = (values: ProductValues) =>
    update.mutate(
      { version, productName: values.productName.trim(), productGroup: values.productGroup },
      { onSuccess: () => void message.success(t('applying.productSaved')) },
    );
  return (
    <Card title={t('applying.product')} data-testid="product-card">
      <Form<ProductValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ productName: entry.productName, productGroup: entry.productGroup as ProductGroup }}
      >
        <ProductFields nameTestId="product-name" groupTestId="product-group" />
        {update.isError ? <ErrorAlert error={update.error} /> : null}
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="product-save">
          {t('applying.productSave')}
        </Button>
      </Form>
    </Card>
  );
}
