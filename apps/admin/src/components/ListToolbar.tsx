import { useEffect, useState, type ReactNode } from 'react';
import { Button, Col, Form, Input, Pagination, Row, Select, Typography } from 'antd';
import { useListsI18n } from '../i18n/lists.js';
import { matchesName } from '../pages/public/units.js';
import { PAGE_SIZES, type ListState } from '../lib/useListParams.js';

/** A filter of a list: a select of labelled values, kept in the URL under `name`. */
export interface ListFilter<F extends string> {
  name: F;
  label: string;
  options: readonly { value: string; label: string }[];
}

/** A sort choice: the API's column name, its label, and the direction it starts with. */
export interface ListSort {
  value: string;
  label: string;
}

/**
 * The search box, filters and sort of a server-paged list, bound to the URL through {@link useListParams}. Each
 * control takes a full row on a phone (the filters stack) and shares the row on wider screens.
 */
export function ListToolbar<F extends string>(props: {
  list: ListState<F>;
  searchLabel: string;
  filters: readonly ListFilter<F>[];
  sorts: readonly ListSort[];
  testId: string;
  extra?: ReactNode;
}) {
  const { list, searchLabel, filters, sorts, testId, extra } = props;
  const { t } = useListsI18n();
  // The box holds what is being typed; the URL changes on Enter (or the search button), not on every key.
  const [text, setText] = useState(list.q ?? '');
  useEffect(() => setText(list.q ?? ''), [list.q]);
  const id = (name: string) => `${testId}-${name}`;
  return (
    <Form layout="vertical" data-testid={`${testId}-toolbar`} className="gap">
      <Row gutter={[12, 0]}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item label={searchLabel} htmlFor={id('q')} style={{ marginBottom: 8 }}>
            <Input.Search
              id={id('q')}
              data-testid={`${testId}-search`}
              value={text}
              allowClear
              maxLength={100}
              enterButton={t('lists.search')}
              onChange={(event) => {
                setText(event.target.value);
                // Clearing the box (its × button) clears the search at once.
                if (event.target.value === '' && list.q) list.set('q', undefined);
              }}
              onSearch={(value) => list.set('q', value.trim() || undefined)}
            />
          </Form.Item>
        </Col>
        {filters.map((filter) => (
          <Col key={filter.name} xs={24} sm={12} md={6} lg={4}>
            <Form.Item label={filter.label} htmlFor={id(filter.name)} style={{ marginBottom: 8 }}>
              <Select
                id={id(filter.name)}
                data-testid={`${testId}-filter-${filter.name}`}
                allowClear
                showSearch={{ filterOption: matchesName }}
                placeholder={t('lists.all')}
                value={list.filters[filter.name]}
                options={filter.options.map((option) => ({ value: option.value, label: option.label }))}
                onChange={(value: string | undefined) => list.set(filter.name, value)}
              />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={12} md={6} lg={4}>
          <Form.Item label={t('lists.sort')} htmlFor={id('sort')} style={{ marginBottom: 8 }}>
            <Select
              id={id('sort')}
              data-testid={`${testId}-sort`}
              allowClear
              showSearch={{ filterOption: matchesName }}
              placeholder={t('lists.sort.default')}
              value={list.sort}
              options={sorts.map((sort) => ({ value: sort.value, label: sort.label }))}
              onChange={(value: string | undefined) => list.setSort(value, list.order)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6} lg={4}>
          <Form.Item label={t('lists.order')} htmlFor={id('order')} style={{ marginBottom: 8 }}>
            <Select
              id={id('order')}
              data-testid={`${testId}-order`}
              allowClear
              showSearch={{ filterOption: matchesName }}
              placeholder={t('lists.sort.default')}
              value={list.order}
              options={[
                { value: 'asc', label: t('lists.order.asc') },
                { value: 'desc', label: t('lists.order.desc') },
              ]}
              onChange={(value: 'asc' | 'desc' | undefined) => list.setSort(list.sort, value)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={[12, 8]} align="middle">
        <Col flex="auto">
          {list.q || list.sort || list.order || Object.keys(list.filters).length > 0 ? (
            <Button size="small" onClick={list.reset} data-testid={`${testId}-reset`}>
              {t('lists.reset')}
            </Button>
          ) : null}
        </Col>
        {extra ? <Col>{extra}</Col> : null}
      </Row>
    </Form>
  );
}

/** The total and the pages of a server-paged list (the short form on a phone, so it never overflows). */
export function ListPager<F extends string>({
  list,
  total,
  totalCapped = false,
  testId,
}: {
  list: ListState<F>;
  total: number;
  /** The server stopped counting at `total` (more rows match): say "more than" and ask to narrow the list. */
  totalCapped?: boolean;
  testId: string;
}) {
  const { t } = useListsI18n();
  return (
    <Row gutter={[12, 8]} align="middle" justify="space-between" style={{ marginTop: 12 }}>
      <Col>
        <Typography.Text type="secondary" data-testid={`${testId}-total`} data-total={total} data-capped={totalCapped}>
          {t(totalCapped ? 'lists.totalCapped' : 'lists.total', { count: total.toLocaleString('vi-VN') })}
        </Typography.Text>
      </Col>
      <Col>
        <Pagination
          data-testid={`${testId}-pager`}
          size="small"
          responsive
          showLessItems
          current={list.page}
          pageSize={list.pageSize}
          total={total}
          pageSizeOptions={PAGE_SIZES.map(String)}
          showSizeChanger
          hideOnSinglePage={total <= PAGE_SIZES[0]}
          onChange={(page, pageSize) => list.setPage(pageSize === list.pageSize ? page : 1, pageSize)}
        />
      </Col>
    </Row>
  );
}
