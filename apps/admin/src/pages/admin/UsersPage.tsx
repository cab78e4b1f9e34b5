import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { paths } from '@khuyencong/api-client';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { GrantsDrawer } from './GrantsDrawer.js';
import { EditUserDialog, ResetPasswordDialog } from './UserDialogs.js';

type UserRow = paths['/api/admin/users']['get']['responses'][200]['content']['application/json']['items'][number];
type NewUser = paths['/api/admin/users']['post']['requestBody']['content']['application/json'];
const PAGE_SIZE = 20;

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useAdminI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const create = useMutation({
    mutationFn: async (body: NewUser) => unwrap(await api.POST('/api/admin/users', { body })),
    onSuccess: (user) => {
      void message.success(t('users.created', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('users.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
    >
      <Form<NewUser> form={form} layout="vertical" onFinish={(values) => create.mutate(values)} initialValues={{ locale: 'vi' }}>
        <Form.Item name="email" label={t('users.email')} rules={[{ required: true, type: 'email', message: t('login.emailInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('instance.fieldRequired') }]}>
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
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordRule')}
          rules={[{ required: true, min: 12, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}

/** Users with server-side search and paging; a user's roles and scopes open in a drawer. */
export default function UsersPage() {
  const { t, locale } = useAdminI18n();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<UserRow | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const users = useQuery({
    queryKey: ['admin', 'users', search, page],
    queryFn: async () => unwrap(await api.GET('/api/admin/users', { params: { query: { page, pageSize: PAGE_SIZE, ...(search ? { search } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const unlock = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/admin/users/{id}/unlock', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
  return (
    <App component={false}>
      <Card
        title={t('users.title')}
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder={t('users.search')}
              onSearch={(value) => {
                setSearch(value.trim());
                setPage(1);
              }}
              aria-label={t('users.search')}
            />
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          </Space>
        }
      >
        {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        {unlock.isError ? <ErrorAlert error={unlock.error} /> : null}
        <Table<UserRow>
          data-testid="users"
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          locale={{ emptyText: <EmptyState why={t('users.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: users.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(user) => ({ onClick: () => setSelected(user), className: 'clickable' })}
          columns={[
            { title: t('users.name'), dataIndex: 'displayName', key: 'name' },
            { title: t('users.email'), dataIndex: 'email', key: 'email' },
            {
              title: t('instance.status'),
              key: 'active',
              render: (_, user) => (
                <Space>
                  <Tag color={user.active ? 'green' : 'default'}>{user.active ? t('users.active') : t('users.inactive')}</Tag>
                  {user.lockedUntil && new Date(user.lockedUntil) > new Date() ? (
                    <>
                      <Tag color="red">{t('users.locked', { date: formatDate(user.lockedUntil, locale) })}</Tag>
                      <Button
                        size="small"
                        onClick={(event) => {
                          event.stopPropagation();
                          unlock.mutate(user.id);
                        }}
                      >
                        {t('users.unlock')}
                      </Button>
                    </>
                  ) : null}
                </Space>
              ),
            },
            { title: t('grants.validFrom'), key: 'created', render: (_, user) => formatDate(user.createdAt, locale) },
            {
              key: 'actions',
              render: (_, user) => (
                <Space wrap>
                  <Button
                    size="small"
                    onClick={(event) => {
                      event.stopPropagation();
                      setEditing(user);
                    }}
                  >
                    {t('users.edit')}
                  </Button>
                  <Button
                    size="small"
                    onClick={(event) => {
                      event.stopPropagation();
                      setResetting(user);
                    }}
                  >
                    {t('users.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        {creating ? <CreateUserDialog onClose={() => setCreating(false)} /> : null}
        {editing ? <EditUserDialog user={editing} onClose={() => setEditing(null)} /> : null}
        {resetting ? <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} /> : null}
        {selected ? <GrantsDrawer user={selected} onClose={() => setSelected(null)} /> : null}
      </Card>
    </App>
  );
}
