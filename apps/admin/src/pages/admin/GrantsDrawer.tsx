import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Form, Popconfirm, Select, Table, Typography } from 'antd';
import type { paths } from '@khuyencong/api-client';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { scopeLabel } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { ScopePicker } from './ScopePicker.js';

type NewGrant = paths['/api/admin/users/{id}/grants']['post']['requestBody']['content']['application/json'];
type GrantRow = paths['/api/admin/users/{id}/grants']['get']['responses'][200]['content']['application/json'][number];
const ROLES: readonly NewGrant['role'][] = [
  'applicant',
  'commune_officer',
  'provincial_officer',
  'judge',
  'council_member',
  'council_chair',
  'central_officer',
  'signer',
  'admin',
];
const SCOPES: readonly NewGrant['scopeType'][] = ['establishment', 'commune', 'province', 'region', 'national'];

/** A user's role grants with their scopes: grant and revoke (every change is audited by the API). */
export function GrantsDrawer({ user, onClose }: { user: { id: string; displayName: string }; onClose: () => void }) {
  const { t, label, locale } = useAdminI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewGrant>();
  const key = ['admin', 'grants', user.id];
  const grants = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/admin/users/{id}/grants', { params: { path: { id: user.id } } })) });
  const add = useMutation({
    mutationFn: async (body: NewGrant) => unwrap(await api.POST('/api/admin/users/{id}/grants', { params: { path: { id: user.id } }, body })),
    onSuccess: () => {
      form.resetFields();
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: async (grantId: string) => {
      const result = await api.DELETE('/api/admin/users/{id}/grants/{grantId}', { params: { path: { id: user.id, grantId } } });
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const scopeType = Form.useWatch('scopeType', form);
  return (
    <Drawer open size={640} title={t('users.grants', { name: user.displayName })} onClose={onClose}>
      {grants.isError ? <ErrorAlert error={grants.error} onRetry={() => void grants.refetch()} /> : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      <Table<GrantRow>
        data-testid="grants"
        size="small"
        rowKey="id"
        pagination={false}
        loading={grants.isPending}
        dataSource={grants.data ?? []}
        locale={{ emptyText: <EmptyState why={t('grants.empty')} /> }}
        columns={[
          { title: t('grants.role'), key: 'role', render: (_, grant) => label('role', grant.role) },
          { title: t('grants.scopeType'), key: 'scope', render: (_, grant) => scopeLabel(grant.scopeType, grant.scopeId, locale) },
          { title: t('grants.validFrom'), key: 'from', render: (_, grant) => formatDate(grant.validFrom, locale) },
          {
            key: 'remove',
            render: (_, grant) => (
              <Popconfirm
                title={t('grants.removeConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate(grant.id)}
              >
                <Button danger size="small">
                  {t('grants.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={5} className="gap-top">
        {t('grants.add')}
      </Typography.Title>
      <Form<NewGrant>
        form={form}
        layout="vertical"
        onFinish={(values) => add.mutate({ ...values, ...(values.scopeId ? { scopeId: values.scopeId.trim() } : {}) })}
      >
        <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
          <Select options={ROLES.map((role) => ({ value: role, label: label('role', role) }))} />
        </Form.Item>
        <Form.Item name="scopeType" label={t('grants.scopeType')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
          <Select
            onChange={() => form.setFieldValue('scopeId', undefined)}
            options={SCOPES.map((scope) => ({ value: scope, label: label('scopeType', scope) }))}
          />
        </Form.Item>
        <Form.Item
          name="scopeId"
          label={t('grants.scopeId')}
          extra={t('grants.scopeIdHint')}
          rules={[{ required: scopeType !== undefined && scopeType !== 'national', message: t('instance.fieldRequired') }]}
        >
          <ScopePicker scopeType={scopeType} />
        </Form.Item>
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('grants.add')}
        </Button>
      </Form>
    </Drawer>
  );
}
