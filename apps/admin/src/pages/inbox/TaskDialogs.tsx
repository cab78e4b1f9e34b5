import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select } from 'antd';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import type { InboxTask } from './inboxParams.js';

/** Lower case without Vietnamese accents: "tran" finds "Trần". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/**
 * The reassign dialog: the person is picked by typing part of their name among the officers of the task's role
 * and area (the API's eligible list). Loaded only when opened, so the home page stays small.
 */
export function ReassignDialog({ task, title, onDone, onClose }: { task: InboxTask; title: string; onDone: (name: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [toUserId, setToUserId] = useState<string>();
  const [missing, setMissing] = useState(false);
  const people = useQuery({
    queryKey: ['inbox', 'eligible', task.taskId],
    queryFn: async () => unwrap(await api.GET('/api/inbox/{taskId}/eligible-assignees', { params: { path: { taskId: task.taskId } } })),
  });
  const reassign = useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await api.POST('/api/inbox/{taskId}/reassign', { params: { path: { taskId: task.taskId } }, body: { toUserId: userId } })),
    onSuccess: (claim) => onDone(claim.claimedBy?.name ?? ''),
  });
  const submit = () => {
    if (!toUserId) return setMissing(true);
    reassign.mutate(toUserId);
  };
  const options = (people.data?.items ?? []).map((person) => ({
    value: person.userId,
    label: person.claimant ? `${person.name} ${t('inbox.reassign.current')}` : person.name,
    search: fold(`${person.name} ${person.email}`),
  }));
  return (
    <Modal
      open
      title={t('inbox.reassign.title')}
      okText={t('inbox.reassign.submit')}
      cancelText={t('inbox.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reassign.isPending}
      destroyOnHidden
    >
      <p>{title}</p>
      <Alert type="info" showIcon title={t('inbox.reassign.intro')} className="gap" />
      {people.isError ? <ErrorAlert error={people.error} onRetry={() => void people.refetch()} /> : null}
      {people.data && options.length === 0 ? <Alert type="warning" showIcon title={t('inbox.reassign.none')} className="gap" /> : null}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('inbox.reassign.person')}
          required
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('inbox.reassign.required') : undefined}
        >
          <Select
            data-testid="reassign-person"
            showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(fold(input)) }}
            loading={people.isPending}
            placeholder={t('inbox.reassign.placeholder')}
            aria-label={t('inbox.reassign.person')}
            value={toUserId}
            onChange={(value: string) => {
              setToUserId(value);
              setMissing(false);
            }}
            options={options}
          />
        </Form.Item>
      </Form>
      {reassign.isError ? <ErrorAlert error={reassign.error} /> : null}
    </Modal>
  );
}

/** Confirms giving back a task a colleague handles (giving back one's own needs no confirmation). */
export function ReleaseConfirm({
  task,
  title,
  pending,
  onConfirm,
  onClose,
}: {
  task: InboxTask;
  title: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('inbox.release')}
      okText={t('inbox.releaseConfirm.yes')}
      okButtonProps={{ danger: true }}
      cancelText={t('inbox.cancel')}
      confirmLoading={pending}
      onOk={onConfirm}
      onCancel={onClose}
    >
      {t('inbox.releaseConfirm', { title, name: task.claimedBy?.name ?? '' })}
    </Modal>
  );
}
