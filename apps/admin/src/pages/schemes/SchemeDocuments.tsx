import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { FilePick } from '../../components/FilePick.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { acceptOf, formatSize, refusalOf, typeNames, uploadDocument, uploadRefusal, useDocumentRules } from '../../lib/documents.js';
import { formatDate } from '../../lib/format.js';
import { DownloadLink } from '../instance/DocumentView.js';
import { unwrapNamed } from './queries.js';
import type { Scheme } from './types.js';

type SchemeDocument = Scheme['documents'][number];
type Kind = SchemeDocument['kind'];

const KINDS: readonly Kind[] = ['proposal', 'estimate', 'contract', 'progress_report', 'acceptance_minutes', 'settlement', 'other'];
/** After these stages the scheme's file is closed (the API answers 409 SCHEME_CLOSED). */
const CLOSED = new Set(['closed', 'rejected', 'withdrawn', 'cancelled']);

/**
 * The scheme's documents: each with its kind, who attached it and when, downloadable by whoever may read the scheme;
 * officers of its province (and of the Cục) upload a file for the implementing unit and attach it with its kind, or
 * take one off, while the scheme is open. The accepted types and size are stated before a file is chosen.
 */
export function SchemeDocuments({ scheme }: { scheme: Scheme }) {
  const { t, label, locale } = useSchemesI18n();
  const { message } = App.useApp();
  const session = useSession();
  const queryClient = useQueryClient();
  const rules = useDocumentRules();
  const [kind, setKind] = useState<Kind>('proposal');
  const [refused, setRefused] = useState<string | null>(null);
  const grants = session?.user.grants ?? [];
  const mayManage =
    scheme.implementingUnitId !== null &&
    !CLOSED.has(scheme.stage) &&
    grants.some(
      (grant) =>
        (grant.role === 'provincial_officer' && grant.scopeId === scheme.provinceCode) || (grant.role === 'central_officer' && grant.scopeType === 'national'),
    );

  /** Says why a file is not taken (before sending, or the API's 413/415), with the accepted types or size. */
  const refuse = (file: File, why: 'type' | 'size' | null) => {
    if (!why || !rules.data) return;
    setRefused(
      why === 'type'
        ? t('schemeDocs.refusedType', { name: file.name, types: typeNames(rules.data) })
        : t('schemeDocs.refusedSize', { name: file.name, size: formatSize(rules.data.maxBytes, locale) }),
    );
  };
  const saved = (updated: Scheme) => {
    queryClient.setQueryData(['scheme', updated.id], updated);
  };
  const attach = useMutation({
    mutationFn: async (file: File) => {
      const document = await uploadDocument(file, scheme.implementingUnitId ?? undefined);
      return unwrapNamed<Scheme>(
        await api.POST('/api/schemes/{id}/documents', { params: { path: { id: scheme.id } }, body: { documentId: document.id, kind } }),
      );
    },
    onSuccess: (updated, file) => {
      saved(updated);
      void message.success(t('schemeDocs.attached', { name: file.name, kind: label('schemeDocumentKind', kind) }));
    },
    onError: (error, file) => refuse(file, uploadRefusal(error)),
  });
  const remove = useMutation({
    mutationFn: async (document: SchemeDocument) =>
      unwrapNamed<Scheme>(await api.DELETE('/api/schemes/{id}/documents/{documentId}', { params: { path: { id: scheme.id, documentId: document.id } } })),
    onSuccess: (updated, document) => {
      saved(updated);
      void message.success(t('schemeDocs.removed', { name: document.fileName }));
    },
  });

  const pick = (files: File[]) => {
    const file = files[0];
    if (!file) return;
    setRefused(null);
    attach.reset();
    const why = rules.data ? refusalOf(file, rules.data) : null;
    if (why) refuse(file, why);
    else attach.mutate(file);
  };

  return (
    <Card title={t('schemeDocs.title')} data-testid="scheme-documents">
      {mayManage ? (
        <Space direction="vertical" className="full gap">
          {rules.data ? (
            <Typography.Text type="secondary" data-testid="scheme-upload-rules">
              {t('schemeDocs.rules', { types: typeNames(rules.data), size: formatSize(rules.data.maxBytes, locale) })}
            </Typography.Text>
          ) : null}
          <Space wrap>
            <Select<Kind>
              aria-label={t('schemeDocs.kind')}
              value={kind}
              onChange={setKind}
              style={{ minWidth: 220 }}
              data-testid="scheme-document-kind"
              options={KINDS.map((code) => ({ value: code, label: label('schemeDocumentKind', code) }))}
            />
            <FilePick
              label={t('schemeDocs.upload')}
              accept={acceptOf(rules.data)}
              disabled={attach.isPending || remove.isPending}
              testId="scheme-document-file"
              onFiles={pick}
            />
          </Space>
          {refused ? <Alert type="error" showIcon role="alert" title={refused} data-testid="scheme-document-refused" /> : null}
          {attach.isError && !refused ? <ErrorAlert error={attach.error} /> : null}
          {remove.isError ? <ErrorAlert error={remove.error} /> : null}
        </Space>
      ) : null}
      <SimpleTable<SchemeDocument>
        testId="scheme-document-list"
        rows={scheme.documents}
        rowKey={(row) => row.id}
        empty={<EmptyState why={t('schemeDocs.none')} />}
        columns={[
          { key: 'kind', title: t('schemeDocs.kind'), render: (row) => label('schemeDocumentKind', row.kind) },
          { key: 'file', title: t('schemeDocs.file'), render: (row) => <DownloadLink document={row} /> },
          {
            key: 'added',
            title: t('schemeDocs.added'),
            render: (row) => t('schemeDocs.addedBy', { name: row.addedBy ?? '—', date: formatDate(row.addedAt, locale) }),
          },
          ...(mayManage
            ? [
                {
                  key: 'remove',
                  title: t('schemeDocs.actions'),
                  render: (row: SchemeDocument) => (
                    <Popconfirm
                      title={t('schemeDocs.removeConfirm', { name: row.fileName })}
                      okText={t('schemeDocs.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutate(row)}
                    >
                      <Button size="small" danger disabled={attach.isPending || remove.isPending} data-testid="scheme-document-remove">
                        {t('schemeDocs.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
