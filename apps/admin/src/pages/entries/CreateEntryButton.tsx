import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import type { EntryView } from '../../lib/commands.js';
import { unwrap } from '../../lib/errors.js';
import { rolesOf } from '../../lib/session.js';
import { ProductFields } from '../instance/EntryCards.js';
import type { ProductGroup } from '../instance/queries.js';

/** The applicant's "apply to this round" button: chooses the establishment and the product, creates the entry. */
export interface CreateEntryButtonProps {
  roundId: string;
  roundName: string;
}

interface EntryValues {
  establishmentId: string;
  productName: string;
  productGroup: ProductGroup;
}

/** The caller's establishments (an applicant sees only their own). */
function useOwnEstablishments(enabled: boolean) {
  return useQuery({
    queryKey: ['establishments', 'own'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/establishments', {})).items,
  });
}

function CreateEntryDialog({ roundId, roundName, onClose }: CreateEntryButtonProps & { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryValues>();
  const establishments = useOwnEstablishments(true);
  const verified = (establishments.data ?? []).filter((establishment) => establishment.verified);
  const unverified = (establishments.data ?? []).filter((establishment) => !establishment.verified);
  const create = useMutation({
    mutationFn: async (values: EntryValues): Promise<EntryView> =>
      unwrap(
        await api.POST('/api/rounds/{id}/entries', {
          params: { path: { id: roundId } },
          body: { establishmentId: values.establishmentId, productName: values.productName.trim(), productGroup: values.productGroup },
        }),
      ),
    onSuccess: async (entry) => {
      void message.success(t('applying.created', { product: entry.productName }));
      await queryClient.invalidateQueries({ queryKey: ['entries'] });
      onClose();
      void navigate(`/instances/${entry.instanceId}`);
    },
  });
  return (
    <Modal
      open
      title={t('applying.createTitle', { round: roundName })}
      okText={t('applying.createOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: establishments.isSuccess && verified.length === 0 }}
      destroyOnHidden
    >
      {establishments.isError ? <ErrorAlert error={establishments.error} onRetry={() => void establishments.refetch()} /> : null}
      {unverified.length > 0 ? (
        <Alert
          className="gap"
          type="warning"
          showIcon
          data-testid="unverified-note"
          title={t('applying.unverified', { names: unverified.map((establishment) => establishment.name).join(', ') })}
        />
      ) : null}
      {establishments.isSuccess && establishments.data.length === 0 ? (
        <Alert
          className="gap"
          type="info"
          showIcon
          title={t('applying.noEstablishment')}
          action={<Link to="/establishments">{t('applying.toEstablishments')}</Link>}
        />
      ) : null}
      <Form<EntryValues>
        form={form}
        layout="vertical"
        onFinish={(values) => create.mutate(values)}
        data-testid="create-entry-form"
        initialValues={verified.length === 1 ? { establishmentId: verified[0]?.id } : undefined}
        key={verified.length}
      >
        <Form.Item name="establishmentId" label={t('applying.establishment')} rules={[{ required: true, message: t('applying.chooseEstablishment') }]}>
          <Select
            loading={establishments.isPending}
            data-testid="entry-establishment"
            options={[
              ...verified.map((establishment) => ({ value: establishment.id, label: establishment.name })),
              ...unverified.map((establishment) => ({
                value: establishment.id,
                label: t('applying.unverifiedOption', { name: establishment.name }),
                disabled: true,
              })),
            ]}
          />
        </Form.Item>
        <ProductFields nameTestId="entry-product-name" groupTestId="entry-product-group" />
      </Form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}

/**
 * "Đăng ký tham gia": for a signed-in applicant, a dialog that enters one product of one of their verified
 * establishments into the round and opens the new entry; a visitor is asked to sign in first.
 */
export function CreateEntryButton({ roundId, roundName }: CreateEntryButtonProps) {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  if (!session) {
    return (
      <Link to="/login" state={{ from: `${location.pathname}${location.search}` }} data-testid="create-entry-login">
        <Typography.Text>{t('applying.signInToApply')}</Typography.Text>
      </Link>
    );
  }
  if (!rolesOf(session.user).has('applicant')) return null;
  return (
    <App component={false}>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="create-entry" data-round={roundId}>
        {t('applying.apply')}
      </Button>
      {open ? <CreateEntryDialog roundId={roundId} roundName={roundName} onClose={() => setOpen(false)} /> : null}
    </App>
  );
}
