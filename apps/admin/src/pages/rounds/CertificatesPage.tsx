import { useState } from 'react';
import { Alert, Button, Card, Input, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
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

/** The certificates in the user's scope, with their PDF. */
export default function CertificatesPage() {
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const query = useQuery({ queryKey: ['certificates'], queryFn: async () => unwrap<CertificateList>(await api.GET('/api/certificates', { params: { query: { limit: 500 } } })) });
  const needle = search.trim().toLowerCase();
  const rows = (query.data?.items ?? []).filter((row) => !needle || `${row.number} ${row.productName} ${row.establishmentName}`.toLowerCase().includes(needle));
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
    <Card title={<Typography.Title level={3}>{t('certs.title')}</Typography.Title>} extra={<Input.Search allowClear placeholder={t('certs.search')} onChange={(event) => setSearch(event.target.value)} />}>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {waiting ? <Alert className="gap" type="info" showIcon role="status" title={`${busy ?? ''}: ${t('certs.rendering')}`} /> : null}
      {failure ? <ErrorAlert error={failure} /> : null}
      {query.data ? (
        <SimpleTable<Certificate>
          testId="certificates"
          rows={rows}
          rowKey={(row) => row.number}
          empty={<EmptyState why={t('certs.empty')} />}
          columns={[
            { key: 'number', title: t('certs.col.number'), render: (row) => <Link to={`/verify/${row.number}`}>{row.number}</Link> },
            { key: 'product', title: t('certs.col.product'), render: (row) => row.productName },
            { key: 'establishment', title: t('certs.col.establishment'), render: (row) => row.establishmentName },
            { key: 'issued', title: t('certs.col.issuedOn'), render: (row) => formatDate(row.issuedOn) },
            { key: 'valid', title: t('certs.col.validUntil'), render: (row) => formatDate(row.validUntil) },
            { key: 'status', title: t('certs.col.status'), render: (row) => <Tag color={STATUS_COLOUR[row.status]}>{label('certStatus', row.status)}</Tag> },
            {
              key: 'pdf',
              title: 'PDF',
              render: (row) => (
                <Button size="small" type={row.pdfReady ? 'default' : 'dashed'} title={row.pdfReady ? undefined : t('certs.rendering')} loading={busy === row.number} onClick={() => void download(row.number)} data-testid={`pdf-${row.number}`}>
                  {t('certs.download')}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
