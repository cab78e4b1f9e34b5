import { type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { unitLabel } from '../i18n/labels/index.js';
import { api } from '../lib/api.js';
import { signOut, useSession } from '../lib/auth.js';
import { unwrap } from '../lib/errors.js';
import { navFor } from '../lib/roles.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The names of the signed-in user's scopes (a commune, an establishment), as the API reads them from the units. */
function useScopeNames(userId: string | undefined): Map<string, string> {
  const me = useQuery({
    queryKey: ['me', userId],
    enabled: userId !== undefined,
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/auth/me')),
  });
  return new Map((me.data?.grants ?? []).flatMap((grant) => (grant.scopeId && grant.scopeName ? [[`${grant.scopeType}:${grant.scopeId}`, grant.scopeName] as const] : [])));
}

/** The signed-in frame: navigation by role, the user's roles and scopes, language switch, sign-out. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, label, locale } = useI18n();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = navFor(session?.user).map((item) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> }));
  const selected = items.filter((item) => item.key === location.pathname || (item.key !== '/' && location.pathname.startsWith(item.key)));
  const grants = session?.user.grants ?? [];
  const scopeNames = useScopeNames(session?.user.id);
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Link to="/" className="brand">
          {t('app.title')}
        </Link>
        <Space size="middle" wrap>
          <span data-testid="current-user">
            <Typography.Text strong style={{ color: 'inherit' }}>
              {session?.user.displayName}
            </Typography.Text>{' '}
            {grants.map((grant) => (
              <Tag key={`${grant.role}:${grant.scopeId ?? ''}`} color="gold">
                {label('role', grant.role)}
                {grant.scopeId ? ` · ${scopeNames.get(`${grant.scopeType}:${grant.scopeId}`) ?? unitLabel(grant.scopeType, grant.scopeId, locale)}` : ''}
              </Tag>
            ))}
          </span>
          <LanguageSwitch />
          <Button
            onClick={() => {
              void signOut().then(() => navigate('/login'));
            }}
          >
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={230} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu mode="inline" items={items} selectedKeys={selected.map((item) => item.key)} aria-label="navigation" />
        </Layout.Sider>
        <Layout.Content className="shell-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
