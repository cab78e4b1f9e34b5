import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import type { paths } from '@khuyencong/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { ListPager, ListToolbar } from '../../components/ListToolbar.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useListsI18n } from '../../i18n/lists.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { hasAnyRole } from '../../lib/roles.js';
import { formatDate } from '../../lib/format.js';
import { listYears, useListParams, type ListState } from '../../lib/useListParams.js';
import type { Certificate, CertificateList } from './types.js';

const STATUS_COLOUR = { valid: 'green', expired: 'orange', revoked: 'red' } as const;

/** Fetches the PDF (the API needs the bearer token); while the worker is still rendering it (409), waits and asks again. */
async function downloadPdf(number: string, onWaiting: () => void): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const result = await api.GET('/api/certificates/{number}/pdf', { params: { path: { number } }, parseAs: 'blob' });
    if (result.response.ok) {
      const url = URL.createObjectURL(result.data as unknown as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${number}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return;
    }
    const error = ApiError.from(result.response.status, result.error);
    if (error.status !== 409) throw error;
    onWaiting();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new ApiError(409, 'PDF_NOT_READY', 'Bản PDF chưa sẵn sàng, hãy thử lại sau', 'The PDF is not ready yet, try again later');
}

interface RevokeValues {
  reason: string;
  decisionReference: string;
}

/**
 * The signer revokes a certificate: reason and revocation decision are required (their limits stated before
 * sending), then a confirmation; the button is red because revocation cannot be undone.
 */
function RevokeDialog({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useListsI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RevokeValues>();
  const [confirming, setConfirming] = useState(false);
  // One key per dialog: a retried click is the same revocation.
  const [key] = useState(newIdempotencyKey);
  const revoke = useMutation({
    mutationFn: async (values: RevokeValues) =>
      unwrap<Certificate>(
        await api.POST('/api/certificates/{number}/revoke', {
          params: { path: { number: certificate.number }, header: { 'Idempotency-Key': key } },
          body: { reason: values.reason.trim(), decisionReference: values.decisionReference.trim() },
        }),
      ),
    onSuccess: async () => {
      void message.success(t('certs.revoke.done', { number: certificate.number }));
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
      onClose();
    },
  });
  return (
    <Modal open title={t('certs.revoke.title', { number: certificate.number })} onCancel={onClose} footer={null} destroyOnHidden>
      <Alert className="gap" type="warning" showIcon title={t('certs.revoke.intro')} />
      <Typography.Paragraph>
        {certificate.productName} — {certificate.establishmentName}
      </Typography.Paragraph>
      <Form<RevokeValues> form={form} layout="vertical" onFinish={() => setConfirming(true)} data-testid="revoke-form">
        <Form.Item
          name="reason"
          label={t('certs.revoke.reason')}
          extra={t('certs.revoke.reasonRule')}
          rules={[{ required: true, whitespace: true, min: 3, max: 2000, message: t('certs.revoke.reasonRule') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="decisionReference"
          label={t('certs.revoke.reference')}
          extra={t('certs.revoke.referenceRule')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('certs.revoke.referenceRule') }]}
        >
          <Input maxLength={200} placeholder="12/QĐ-SCT ngày 01/03/2026" />
        </Form.Item>
        {revoke.isError ? (
          <div className="gap">
            <ErrorAlert error={revoke.error} />
          </div>
        ) : null}
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Popconfirm
            open={confirming}
            title={t('certs.revoke.confirm', { number: certificate.number })}
            okText={t('certs.revoke')}
            okButtonProps={{ danger: true, loading: revoke.isPending, 'data-testid': 'revoke-confirm' }}
            cancelText={t('common.cancel')}
            onConfirm={() => {
              setConfirming(false);
              revoke.mutate(form.getFieldsValue());
            }}
            onCancel={() => setConfirming(false)}
          >
            <Button type="primary" danger htmlType="submit" loading={revoke.isPending} data-testid="revoke-submit">
              {t('certs.revoke')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Modal>
  );
}

/** The certificates in the user's scope, with their PDF; a signer revokes one here. */
/** The page inside antd's App, so its messages (App.useApp) have a holder. */
export default function CertificatesPageWithMessages() {
  return (
    <App component={false}>
      <CertificatesPage />
    </App>
  );
}

const FILTERS = ['status', 'level', 'year', 'productGroup'] as const;
type CertificateFilter = (typeof FILTERS)[number];
const STATUSES = ['valid', 'expired', 'revoked'] as const;
const LEVELS = ['commune', 'province', 'region', 'national'] as const;
const GROUPS = ['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER'] as const;
const SORTS = ['issuedOn', 'number', 'product', 'establishment', 'validUntil'] as const;
type CertificateQuery = NonNullable<paths['/api/certificates']['get']['parameters']['query']>;

/** The list's query from the URL: only values the API knows are sent. */
function certificateQuery(list: ListState<CertificateFilter>): CertificateQuery {
  const { status, level, year, productGroup } = list.filters;
  const pick = <T extends string>(values: readonly T[], value: string | undefined) =>
    (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
  return {
    ...list.query,
    sort: pick(SORTS, list.sort),
    status: pick(STATUSES, status),
    level: pick(LEVELS, level),
    ...(year && /^\d{4}$/.test(year) ? { year: Number(year) } : {}),
    productGroup: pick(GROUPS, productGroup),
  };
}

function CertificatesPage() {
  const { t, label } = useListsI18n();
  const list = useListParams(FILTERS);
  const [busy, setBusy] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const session = useSession();
  const signer = hasAnyRole(session?.user, ['signer']);
  const params = certificateQuery(list);
  const query = useQuery({
    queryKey: ['certificates', 'list', params],
    queryFn: async () => unwrap<CertificateList>(await api.GET('/api/certificates', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  const download = async (number: string) => {
    setBusy(number);
    setFailure(null);
    try {
      await downloadPdf(number, () => setWaiting(true));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
      setWaiting(false);
    }
  };
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('certs.title')}
        </Typography.Title>
      }
    >
      <ListToolbar<CertificateFilter>
        list={list}
        testId="certificates"
        searchLabel={t('lists.certs.search')}
        filters={[
          { name: 'status', label: t('lists.filter.status'), options: STATUSES.map((code) => ({ value: code, label: label('certStatus', code) })) },
          { name: 'level', label: t('lists.filter.level'), options: LEVELS.map((code) => ({ value: code, label: label('level', code) })) },
          { name: 'year', label: t('lists.filter.year'), options: listYears().map((year) => ({ value: year, label: year })) },
          { name: 'productGroup', label: t('lists.filter.productGroup'), options: GROUPS.map((code) => ({ value: code, label: label('productGroup', code) })) },
        ]}
        sorts={SORTS.map((value) => ({ value, label: t(`lists.sort.${value}`) }))}
      />
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {waiting ? <Alert className="gap" type="info" showIcon role="status" title={`${busy ?? ''}: ${t('certs.rendering')}`} /> : null}
      {failure ? <ErrorAlert error={failure} /> : null}
      {query.data ? (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleTable<Certificate>
            testId="certificates"
            rows={query.data.items}
            rowKey={(row) => row.number}
            empty={<EmptyState why={t('certs.empty')} />}
            columns={[
              { key: 'number', title: t('certs.col.number'), render: (row) => <Link to={`/verify/${row.number}`}>{row.number}</Link> },
              { key: 'product', title: t('certs.col.product'), render: (row) => row.productName },
              { key: 'establishment', title: t('certs.col.establishment'), render: (row) => row.establishmentName },
              { key: 'level', title: t('lists.filter.level'), render: (row) => label('level', row.level) },
              { key: 'issued', title: t('certs.col.issuedOn'), render: (row) => formatDate(row.issuedOn) },
              { key: 'valid', title: t('certs.col.validUntil'), render: (row) => formatDate(row.validUntil) },
              {
                key: 'status',
                title: t('certs.col.status'),
                render: (row) => (
                  <div data-testid={`cert-status-${row.number}`} data-status={row.status}>
                    <Tag color={STATUS_COLOUR[row.status]}>{label('certStatus', row.status)}</Tag>
                    {row.status === 'revoked' && row.revocationReason ? (
                      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                        {t('certs.revoked', { reason: row.revocationReason, reference: row.revocationDecisionRef ?? '—' })}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              },
              {
                key: 'pdf',
                title: 'PDF',
                render: (row) => (
                  <Space wrap>
                    <Button
                      size="small"
                      type={row.pdfReady ? 'default' : 'dashed'}
                      title={row.pdfReady ? undefined : t('certs.rendering')}
                      loading={busy === row.number}
                      onClick={() => void download(row.number)}
                      data-testid={`pdf-${row.number}`}
                    >
                      {t('certs.download')}
                    </Button>
                    {signer && row.status === 'valid' ? (
                      <Button size="small" danger onClick={() => setRevoking(row)} data-testid={`revoke-${row.number}`}>
                        {t('certs.revoke')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          <ListPager list={list} total={query.data.total} totalCapped={query.data.totalCapped} testId="certificates" />
        </div>
      ) : null}
      {revoking ? <RevokeDialog certificate={revoking} onClose={() => setRevoking(null)} /> : null}
    </Card>
  );
}
