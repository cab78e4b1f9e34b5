import { useState } from 'react';
import { Button, Image, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import type { EntryDocument } from '../../lib/commands.js';
import { documentUrl, formatSize } from '../../lib/documents.js';

/** The file as a blob URL, fetched with the session's token (kept for the session: the same file is often reopened). */
function useBlobUrl(id: string, enabled = true) {
  return useQuery({ queryKey: ['document', id, 'blob'], queryFn: () => documentUrl(id), enabled, staleTime: Infinity, gcTime: Infinity });
}

const isPdf = (document: EntryDocument) => document.mimeType === 'application/pdf';
export const isImage = (document: EntryDocument) => document.mimeType.startsWith('image/');

/** Downloads under the file's own name: the file is fetched with the token first. */
export function DownloadLink({ document }: { document: Pick<EntryDocument, 'id' | 'fileName' | 'sizeBytes'> }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const url = await documentUrl(document.id);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = document.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        type="link"
        size="small"
        loading={busy}
        onClick={() => void download()}
        data-testid="download"
        style={{ paddingInline: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
      >
        {t('applying.download', { name: document.fileName })}
      </Button>{' '}
      <Typography.Text type="secondary">({formatSize(document.sizeBytes, locale)})</Typography.Text>
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}

/** A PDF opened inline in the page (the browser's own viewer) from a blob URL, on request: a dossier holds several. */
function PdfPreview({ document }: { document: EntryDocument }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const url = useBlobUrl(document.id, open);
  return (
    <>
      <Button size="small" onClick={() => setOpen(!open)} data-testid="preview-toggle" aria-expanded={open}>
        {open ? t('applying.previewClose') : t('applying.previewOpen')}
      </Button>
      {open && url.isPending ? <Skeleton.Node active style={{ width: '100%', height: 120 }} /> : null}
      {open && url.isError ? <ErrorAlert error={url.error} onRetry={() => void url.refetch()} /> : null}
      {open && url.data ? (
        <iframe
          src={url.data}
          title={t('applying.preview', { name: document.fileName })}
          data-testid="pdf-preview"
          style={{ width: '100%', height: 420, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff' }}
        />
      ) : null}
    </>
  );
}

/** A photo as a thumbnail; clicking it opens the larger preview. */
function Thumbnail({ document }: { document: EntryDocument }) {
  const { t } = useI18n();
  const url = useBlobUrl(document.id);
  if (url.isPending) return <Skeleton.Image active style={{ width: 112, height: 112 }} />;
  if (url.isError) return <ErrorAlert error={url.error} onRetry={() => void url.refetch()} />;
  return (
    <Image
      src={url.data}
      alt={document.fileName}
      width={112}
      height={112}
      style={{ objectFit: 'cover', borderRadius: 6 }}
      preview={{ mask: t('applying.enlarge') }}
      data-testid="thumbnail"
    />
  );
}

/** One document: its preview (PDF inline, image thumbnail), its name as a download link, and the caller's tools. */
export function DocumentView({ document, tools }: { document: EntryDocument; tools?: React.ReactNode }) {
  return (
    <div data-testid="document" data-name={document.fileName} data-part={document.part} style={{ minWidth: 0, maxWidth: '100%' }}>
      <Space direction="vertical" size={4} className="full">
        {isPdf(document) ? <PdfPreview document={document} /> : null}
        {isImage(document) ? <Thumbnail document={document} /> : null}
        <div style={{ overflowWrap: 'anywhere' }}>
          <DownloadLink document={document} />
        </div>
        {tools}
      </Space>
    </div>
  );
}
