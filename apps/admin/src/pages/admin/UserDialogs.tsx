import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import type { paths } from '@khuyencong/api-client';
import { ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';

type UserRow = paths['/api/admin/users']['get']['responses'][200]['content']['application/json']['items'][number];
type UserPatch = paths['/api/admin/users/{id}']['patch']['requestBody']['content']['application/json'];

/** Name, language and whether the account may sign in. */
export function EditUserDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useAdminI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Required<UserPatch>>();
  const save = useMutation({
    mutationFn: async (body: UserPatch) =>
      unwrap(await api.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body: { ...body, displayName: body.displayName?.trim() } })),
    onSuccess: () => {
      void message.success(t('users.saved', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('users.editTitle', { email: user.email })}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      <Form<Required<UserPatch>>
        form={form}
        name="edit-user"
        layout="vertical"
        initialValues={{ displayName: user.displayName, locale: user.locale === 'en' ? 'en' : 'vi', active: user.active }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="displayName" label={t('users.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('instance.fieldRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item name="active" label={t('users.activeSwitch')} valuePropName="checked" extra={t('users.deactivateHint')}>
          <Switch />
        </Form.Item>
      </Form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}

/** A new password set by the administrator; the rule is stated before sending and checked as typed. */
export function ResetPasswordDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useAdminI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: async (password: string) => {
      const result = await api.POST('/api/admin/users/{id}/password', { params: { path: { id: user.id } }, body: { password } });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => {
      void message.success(t('users.passwordReset', { email: user.email }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { email: user.email })}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
    >
      <Form form={form} name="reset-password" layout="vertical" onFinish={(values) => reset.mutate(values.password)}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.newPasswordRule')}
          rules={[
            { required: true, min: 10, max: 200, message: t('users.newPasswordRule') },
            { pattern: /[A-Za-zÀ-ỹ]/, message: t('users.newPasswordRule') },
            { pattern: /\d/, message: t('users.newPasswordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {reset.isError ? <ErrorAlert error={reset.error} /> : null}
    </Modal>
  );
}
