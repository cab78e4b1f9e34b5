import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Divider, Popconfirm, Space, Typography } from 'antd';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { ENTRY_PARTS, dossierOf, type DossierDocuments, type EntryDocument, type EntryPart, type EntryView } from '../../lib/commands.js';
import { FilePick } from '../../components/FilePick.js';
import { acceptOf, formatSize, refusalOf, typeNames, uploadDocument, uploadRefusal, useDocumentRules, type DocumentRules } from '../../lib/documents.js';
import { DocumentView } from './DocumentView.js';
import { MIN_PHOTOS } from './DossierFields.js';
import { useSaveDossier } from './queries.js';

const SINGLE = new Set<EntryPart>(['registrationForm', 'businessRegistration', 'productDescription']);
const imagesOnly = (part: EntryPart) => (part === 'photos' ? (mimeType: string) => mimeType.startsWith('image/') : undefined);

/** Words by which a reason names a part ("ảnh", "giấy đăng ký kinh doanh"…), lower case. */
const MENTIONS: Record<EntryPart, readonly string[]> = {
  registrationForm: ['phiếu đăng ký', 'registration form'],
  businessRegistration: ['đăng ký kinh doanh', 'business registration'],
  productDescription: ['mô tả sản phẩm', 'bản mô tả', 'product description'],
  photos: ['ảnh', 'photo'],
  others: ['tài liệu khác', 'other document'],
};

/** The parts a returned dossier's reason names. */
export function partsNamedIn(reason: string | null | undefined): Set<EntryPart> {
  const text = (reason ?? '').toLowerCase();
  // Whole words only: "ảnh" is in "cảnh" too.
  const says = (word: string) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(text);
  return new Set(ENTRY_PARTS.filter((part) => MENTIONS[part].some(says)));
}

/** The dossier with one part's documents changed. */
function withPart(dossier: DossierDocuments, part: EntryPart, ids: string[]): DossierDocuments {
  if (part === 'photos' || part === 'others') return { ...dossier, [part]: ids };
  const next = { ...dossier };
  if (ids[0]) next[part] = ids[0];
  else delete next[part];
  return next;
}

function idsOf(dossier: DossierDocuments, part: EntryPart): string[] {
  if (part === 'photos' || part === 'others') return dossier[part] ?? [];
  const id = dossier[part];
  return id ? [id] : [];
}

interface Refusal {
  fileName: string;
  kind: 'type' | 'size';
  part: EntryPart;
}

/**
 * The dossier, part by part (registration form, business registration, product description, photos, other documents):
 * PDFs previewed inline, photos as thumbnails, every file downloadable under its name. The preparer, while the entry
 * is a draft or returned, uploads, replaces and removes documents; each change is saved at once.
 */
export function DossierViewer({ entry, editable, reason }: { entry: EntryView; editable: boolean; reason: string | null }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useDocumentRules();
  const save = useSaveDossier(entry.instanceId);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const dossier = dossierOf(entry.dossier);
  const documents = entry.documents;
  const named = partsNamedIn(reason);

  const allowed = (part: EntryPart, of: DocumentRules) => typeNames(of, imagesOnly(part));

  /** Uploads the files (refusing before sending what the rules refuse), then saves the dossier with them in place. */
  const change = async (part: EntryPart, files: File[], replacing: string | null, key: string) => {
    setError(null);
    setRefused(null);
    if (rules.data) {
      for (const file of files) {
        const why = refusalOf(file, rules.data, imagesOnly(part));
        if (why) return setRefused({ fileName: file.name, kind: why, part });
      }
    }
    setBusy(key);
    try {
      const uploaded: string[] = [];
      for (const file of files) {
        try {
          uploaded.push((await uploadDocument(file, entry.establishmentId)).id);
        } catch (caught) {
          const why = uploadRefusal(caught);
          if (why) return setRefused({ fileName: file.name, kind: why, part });
          throw caught;
        }
      }
      const current = idsOf(dossier, part);
      const next = SINGLE.has(part)
        ? uploaded.slice(0, 1)
        : replacing
          ? current.flatMap((id) => (id === replacing ? uploaded : [id]))
          : [...current, ...uploaded.filter((id) => !current.includes(id))];
      await save.mutateAsync(withPart(dossier, part, next));
      void message.success(t(replacing ? 'applying.replaced' : 'applying.uploaded', { count: files.length }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (part: EntryPart, id: string) => {
    setError(null);
    setRefused(null);
    setBusy(`remove-${id}`);
    try {
      await save.mutateAsync(
        withPart(
          dossier,
          part,
          idsOf(dossier, part).filter((other) => other !== id),
        ),
      );
      void message.success(t('applying.removed'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const tools = (part: EntryPart, document: EntryDocument): ReactNode =>
    editable ? (
      <Space wrap size="small">
        <FilePick
          label={t('applying.replace')}
          accept={acceptOf(rules.data, imagesOnly(part))}
          disabled={busy !== null}
          testId="replace"
          onFiles={(files) => void change(part, files.slice(0, 1), document.id, `replace-${document.id}`)}
        />
        <Popconfirm
          title={t('applying.removeConfirm', { name: document.fileName })}
          okText={t('applying.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => void remove(part, document.id)}
        >
          <Button size="small" danger disabled={busy !== null} loading={busy === `remove-${document.id}`} data-testid="remove">
            {t('applying.remove')}
          </Button>
        </Popconfirm>
      </Space>
    ) : null;

  return (
    <Card title={t('applying.dossier')} data-testid="dossier">
      {reason ? <Alert className="gap" type="warning" showIcon title={`${t('instance.lastReason')}: ${reason}`} data-testid="last-reason" /> : null}
      {editable && rules.data ? (
        <Alert
          className="gap"
          type="info"
          showIcon
          data-testid="upload-rules"
          title={t('applying.rules', { types: typeNames(rules.data), size: formatSize(rules.data.maxBytes, locale), photos: MIN_PHOTOS })}
        />
      ) : null}
      {refused ? (
        <Alert
          className="gap"
          type="error"
          showIcon
          role="alert"
          data-testid="upload-refused"
          title={
            refused.kind === 'type'
              ? t('applying.refusedType', { name: refused.fileName, types: rules.data ? allowed(refused.part, rules.data) : '' })
              : t('applying.refusedSize', { name: refused.fileName, size: rules.data ? formatSize(rules.data.maxBytes, locale) : '' })
          }
        />
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {ENTRY_PARTS.map((part, index) => {
        const inPart = documents.filter((document) => document.part === part);
        const single = SINGLE.has(part);
        return (
          <section key={part} data-testid={`part-${part}`}>
            {index > 0 ? <Divider style={{ margin: '12px 0' }} /> : null}
            <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t(`applying.part.${part}` as MessageKey)}
                {part === 'photos' ? (
                  <Typography.Text type="secondary"> — {t('applying.photoCount', { count: inPart.length, min: MIN_PHOTOS })}</Typography.Text>
                ) : null}
              </Typography.Title>
              {editable && (!single || inPart.length === 0) ? (
                <FilePick
                  label={t(part === 'photos' ? 'applying.addPhotos' : single ? 'applying.upload' : 'applying.addFiles')}
                  multiple={!single}
                  accept={acceptOf(rules.data, imagesOnly(part))}
                  disabled={busy !== null}
                  testId={`upload-${part}`}
                  onFiles={(files) => void change(part, single ? files.slice(0, 1) : files, null, `add-${part}`)}
                />
              ) : null}
            </Space>
            {editable && rules.data ? (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t('applying.partRule', { types: allowed(part, rules.data), size: formatSize(rules.data.maxBytes, locale) })}
              </Typography.Paragraph>
            ) : null}
            {reason && named.has(part) ? (
              <Alert className="gap-top" type="warning" showIcon title={t('applying.partReturned', { reason })} data-testid={`part-reason-${part}`} />
            ) : null}
            {busy === `add-${part}` ? (
              <Typography.Text type="secondary" role="status">
                {t('applying.uploading')}
              </Typography.Text>
            ) : null}
            {inPart.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="part-empty">
                {t('applying.partEmpty')}
              </Typography.Paragraph>
            ) : (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 8 }}>
                {inPart.map((document) => (
                  <div key={document.id} style={part === 'photos' ? { width: 160 } : { width: '100%' }}>
                    <DocumentView document={document} tools={tools(part, document)} />
                  </div>
                ))}
              </div>
            )}
          </section>
        );
      })}
      {documents.length === 0 && !editable ? <EmptyState why={t('dossier.empty')} /> : null}
    </Card>
  );
}
