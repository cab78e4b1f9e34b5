import { Alert, Button, Empty, Spin } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import { userMessage } from '../lib/errors.js';

/** An error in the user's language, saying what to do; with a retry when the caller can retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={userMessage(error, locale)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** A centred spinner with a spoken label. */
export function Loading() {
  const { t } = useI18n();
  return (
    <div className="center" role="status" aria-label={t('common.loading')}>
      {/* A page still loading its code shows the same top bar as a page loading its data. */}
      <div className="kc-progress" data-testid="progress" />
      <Spin />
    </div>
  );
}

/** An empty list that says why it is empty. */
export function EmptyState({ why }: { why: string }) {
  return <Empty data-testid="empty" description={why} />;
}
