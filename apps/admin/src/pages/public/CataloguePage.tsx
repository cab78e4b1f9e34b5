import { useState } from 'react';
import { Button, Card, Col, Form, Grid, Input, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { paths } from '@khuyencong/api-client';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { currentProvinces, matchesName, useCommunes } from './units.js';

type ProductsQuery = NonNullable<paths['/api/public/products']['get']['parameters']['query']>;
type Products = paths['/api/public/products']['get']['responses'][200]['content']['application/json'];
type Product = Products['items'][number];

const PAGE_SIZE = 20;
const LEVELS = ['commune', 'province', 'region', 'national'] as const satisfies readonly NonNullable<ProductsQuery['level']>[];
const GROUPS = ['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER'] as const satisfies readonly NonNullable<ProductsQuery['productGroup']>[];
const FIRST_YEAR = 2018;
/** The filters kept in the address, so a search can be bookmarked and shared. */
type Filter = 'q' | 'province' | 'commune' | 'group' | 'level' | 'year';

/** The product's area by name: commune, province. */
function area(product: Product): string {
  return [product.communeName, product.provinceName].filter(Boolean).join(', ');
}

/** The catalogue of recognised products: public, searched and paged on the server, filters in the address. */
export default function CataloguePage() {
  const { t, label, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const provinceCode = params.get('province') ?? undefined;
  const communeCode = params.get('commune') ?? undefined;
  const productGroup = GROUPS.find((code) => code === params.get('group'));
  const level = LEVELS.find((code) => code === params.get('level'));
  const yearText = params.get('year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [text, setText] = useState(q);
  const communes = useCommunes();

  const request: ProductsQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(provinceCode ? { provinceCode } : {}),
    ...(communeCode ? { communeCode } : {}),
    ...(productGroup ? { productGroup } : {}),
    ...(level ? { level } : {}),
    ...(year ? { year } : {}),
  };
  const query = useQuery({
    queryKey: ['public-products', request],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/public/products', { params: { query: request } })),
  });

  /** Sets filters (a new filter goes back to page 1) and keeps them in the address. */
  const update = (changes: Partial<Record<Filter | 'page', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, index) => thisYear - index);
  const communeOptions = provinceCode ? (communes.data?.get(provinceCode) ?? []) : [];
  const items = query.data?.items ?? [];
  const phone = screens.md !== true;

  const verifyLink = (product: Product) => (
    <Link to={`/verify/${encodeURIComponent(product.certificateNumber)}`} data-testid={`verify-${product.certificateNumber}`}>
      {product.certificateNumber}
    </Link>
  );

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pub.cat.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('pub.cat.intro')}</Typography.Paragraph>
      <Card className="gap" size="small">
        <Form layout="vertical" data-testid="catalogue-filters">
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Form.Item label={t('pub.cat.q')} htmlFor="catalogue-q" style={{ marginBottom: 8 }}>
                <Input.Search
                  value={text}
                  maxLength={200}
                  allowClear
                  enterButton={t('pub.cat.search')}
                  onChange={(event) => setText(event.target.value)}
                  onSearch={(value) => update({ q: value.trim() || undefined })}
                  id="catalogue-q"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label={t('pub.cat.province')} htmlFor="catalogue-province" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  showSearch={{ filterOption: matchesName }}
                  value={provinceCode}
                  options={currentProvinces(locale)}
                  onChange={(value: string | undefined) => update({ province: value, commune: undefined })}
                  id="catalogue-province"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label={t('pub.cat.commune')} htmlFor="catalogue-commune" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  showSearch={{ filterOption: matchesName }}
                  value={communeCode}
                  disabled={!provinceCode}
                  loading={communes.isLoading}
                  placeholder={provinceCode ? undefined : t('pub.cat.communeFirst')}
                  options={communeOptions}
                  onChange={(value: string | undefined) => update({ commune: value })}
                  id="catalogue-commune"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label={t('pub.cat.group')} htmlFor="catalogue-group" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  value={productGroup}
                  options={GROUPS.map((code) => ({ value: code, label: label('productGroup', code) }))}
                  onChange={(value: string | undefined) => update({ group: value })}
                  id="catalogue-group"
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={8}>
              <Form.Item label={t('pub.cat.level')} htmlFor="catalogue-level" style={{ marginBottom: 8 }}>
                <Select
                  id="catalogue-level"
                  allowClear
                  value={level}
                  options={LEVELS.map((code) => ({ value: code, label: label('level', code) }))}
                  onChange={(value: string | undefined) => update({ level: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} lg={8}>
              <Form.Item label={t('pub.cat.year')} htmlFor="catalogue-year" style={{ marginBottom: 8 }}>
                <Select
                  id="catalogue-year"
                  allowClear
                  value={year}
                  options={years.map((value) => ({ value, label: String(value) }))}
                  onChange={(value: number | undefined) => update({ year: value ? String(value) : undefined })}
                />
              </Form.Item>
            </Col>
          </Row>
          <Button
            onClick={() => {
              setText('');
              setParams(new URLSearchParams());
            }}
          >
            {t('pub.cat.clear')}
          </Button>
        </Form>
      </Card>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <div data-testid="catalogue-results" aria-busy={query.isFetching}>
          <Typography.Paragraph strong data-testid="catalogue-total">
            {t('pub.cat.total', { total: query.data.total.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB') })}
          </Typography.Paragraph>
          {items.length === 0 ? (
            <EmptyState why={t('pub.cat.empty')} />
          ) : phone ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((product) => (
                <Card
                  key={product.certificateNumber}
                  size="small"
                  data-testid={`product-${product.certificateNumber}`}
                  title={<span style={{ whiteSpace: 'normal' }}>{product.productName}</span>}
                >
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{product.establishmentName}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                    {area(product)}
                  </Typography.Paragraph>
                  <Space wrap size={4} className="gap">
                    <Tag color="gold">{label('level', product.level)}</Tag>
                    <Tag>{product.year}</Tag>
                    {product.productGroup ? <Tag>{label('productGroup', product.productGroup)}</Tag> : null}
                  </Space>
                  <div>
                    {t('pub.cat.col.certificate')}: {verifyLink(product)} · {t('pub.cat.col.validUntil')} {formatDate(product.validUntil)}
                  </div>
                </Card>
              ))}
            </Space>
          ) : (
            <SimpleTable<Product>
              testId="catalogue-table"
              rows={items}
              rowKey={(product) => product.certificateNumber}
              empty={<EmptyState why={t('pub.cat.empty')} />}
              columns={[
                {
                  key: 'product',
                  title: t('pub.cat.col.product'),
                  render: (product) => (
                    <span data-testid={`product-${product.certificateNumber}`}>
                      <Typography.Text strong>{product.productName}</Typography.Text>
                      <br />
                      {product.productGroup ? <Typography.Text type="secondary">{label('productGroup', product.productGroup)}</Typography.Text> : null}
                    </span>
                  ),
                },
                { key: 'establishment', title: t('pub.cat.col.establishment'), render: (product) => product.establishmentName },
                { key: 'area', title: t('pub.cat.col.area'), render: area },
                { key: 'level', title: t('pub.cat.col.level'), render: (product) => `${label('level', product.level)}, ${product.year}` },
                { key: 'certificate', title: t('pub.cat.col.certificate'), render: verifyLink },
                { key: 'valid', title: t('pub.cat.col.validUntil'), render: (product) => formatDate(product.validUntil) },
              ]}
            />
          )}
          {query.data.total > PAGE_SIZE ? (
            <Pagination
              className="gap-top"
              current={page}
              pageSize={PAGE_SIZE}
              total={query.data.total}
              showSizeChanger={false}
              simple={phone}
              onChange={(next) => update({ page: next > 1 ? String(next) : undefined })}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
