import { useRef, useState } from 'react';
import { Alert, Form, Progress, Typography } from 'antd';
import type { ActionDefinition } from '@khuyencong/domain';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import type { InstanceView } from '../../lib/commands.js';
import { uploadDocument } from '../../lib/documents.js';

const DOCUMENTS = ['registrationForm', 'businessRegistration', 'productDescription'] as const;
type DocumentKind = (typeof DOCUMENTS)[number];
const MIN_PHOTOS = 3;

/** What the engine checks (`true` per mandatory document, `photoCount`) plus the uploaded document ids. */
export interface DossierValue {
  registrationForm: boolean;
  businessRegistration: boolean;
  productDescription: boolean;
  photoCount: number;
  documents: Partial<Record<DocumentKind, string>> & { photos: string[] };
}

/** Submitting or resubmitting an entry sends its dossier. */
export function isDossierAction(action: ActionDefinition, instance: InstanceView): boolean {
  return instance.definitionCode === 'product-selection' && (action.name === 'submit' || action.name === 'resubmit');
}

function toValue(documents: DossierValue['documents']): DossierValue {
  return {
    registrationForm: Boolean(documents.registrationForm),
    businessRegistration: Boolean(documents.businessRegistration),
    productDescription: Boolean(documents.productDescription),
    photoCount: documents.photos.length,
    documents,
  };
}

function DossierInput({ onChange }: { value?: DossierValue; onChange?: (value: DossierValue) => void }) {
  const { t } = useI18n();
  const [documents, setDocuments] = useState<DossierValue['documents']>({ photos: [] });
  const latest = useRef<DossierValue['documents']>(documents);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const upload = async (kind: DocumentKind | 'photos', files: FileList | null) => {
    if (!files || files.length === 0) return;
    setError(null);
    setProgress({ done: 0, total: files.length });
    try {
      const ids: string[] = [];
      for (const file of Array.from(files)) {
        ids.push((await uploadDocument(file)).id);
        setProgress({ done: ids.length, total: files.length });
      }
      // Several uploads may finish in any order: merge into the latest documents, never a stale copy.
      latest.current = kind === 'photos' ? { ...latest.current, photos: [...latest.current.photos, ...ids] } : { ...latest.current, [kind]: ids[0] };
      setDocuments(latest.current);
      onChange?.(toValue(latest.current));
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="dossier-input">
      {DOCUMENTS.map((kind) => (
        <label key={kind} className="file-row">
          <span>
            {t(`dossier.${kind}`)} {documents[kind] ? '✓' : ''}
          </span>
          <input type="file" accept=".pdf,.docx,.jpg,.jpeg,.png,.webp" data-testid={`file-${kind}`} onChange={(event) => void upload(kind, event.target.files)} />
        </label>
      ))}
      <label className="file-row">
        <span>
          {t('dossier.photos')} — {t('dossier.photoCount', { count: documents.photos.length })}
        </span>
        <input type="file" multiple accept=".jpg,.jpeg,.png,.webp" data-testid="file-photos" onChange={(event) => void upload('photos', event.target.files)} />
      </label>
      {progress ? (
        <div role="status">
          <Typography.Text>{t('dossier.uploading', progress)}</Typography.Text>
          <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" />
        </div>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

/** Form item collecting the dossier; refuses to send an incomplete one, naming what is missing. */
export function DossierFields() {
  const { t } = useI18n();
  return (
    <>
      <Alert type="info" showIcon className="gap" title={t('dossier.title')} />
      <Form.Item
        name="dossier"
        rules={[
          {
            validator: (_, value: DossierValue | undefined) => {
              const missing = DOCUMENTS.filter((kind) => !value?.[kind]).map((kind) => t(`dossier.${kind}`));
              if ((value?.photoCount ?? 0) < MIN_PHOTOS) missing.push(t('dossier.photos'));
              return missing.length === 0 ? Promise.resolve() : Promise.reject(new Error(t('dossier.missing', { items: missing.join(', ') })));
            },
          },
        ]}
      >
        <DossierInput />
      </Form.Item>
    </>
  );
}
