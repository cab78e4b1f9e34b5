import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { unitLabel } from '../i18n/labels/index.js';
import { api } from '../lib/api.js';
import { signOut, useSession } from '../lib/auth.js';
import { unwrap } from '../lib/errors.js';
import { hasAnyRole, navFor } from '../lib/roles.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const PhoneNav = lazy(() => import('./PhoneNav.js'));

/** The names of the signed-in user's scopes (a commune, an establishment), as the API reads them from the units. */
function useScopeNames(userId: string | undefined): Map<string, string> {
  const me = useQuery({
    queryKey: ['me', userId],
    enabled: userId !== undefined,
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/auth/me')),
  });
  return new Map(
    (me.data?.grants ?? []).flatMap((grant) => (grant.scopeId && grant.scopeName ? [[`${grant.scopeType}:${grant.scopeId}`, grant.scopeName] as const] : [])),
  );
}

/** The signed-in frame: navigation by role, the user's roles and scopes, language switch, sign-out. On a phone the
 * navigation, the roles and the buttons move into a drawer opened from the header; the page keeps its width. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, label, locale } = useI18n();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The drawer closes when the person picks a page in it, and when the page changes by other means (back, a link in
  // the page). Not on every new history entry: the login's replace to the same page must not shut a drawer just opened.
  const closeDrawer = () => setDrawerOpen(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  // Spreadsheet import (issue 14): the officers who keep establishment lists, plan lines and revenues, and the admin.
  const importNav = hasAnyRole(session?.user, ['provincial_officer', 'commune_officer', 'admin']) ? [{ path: '/imports', label: 'nav.imports' as const }] : [];
  const items = [...navFor(session?.user), ...importNav].map((item) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> }));
  const selected = items.filter((item) => item.key === location.pathname || (item.key !== '/' && location.pathname.startsWith(item.key)));
  const grants = session?.user.grants ?? [];
  const scopeNames = useScopeNames(session?.user.id);
  const who = (
    <span data-testid="current-user">
      <Typography.Text strong style={{ color: 'inherit' }}>
        {session?.user.displayName}
      </Typography.Text>{' '}
      {grants.map((grant) => (
        <Tag key={`${grant.role}:${grant.scopeId ?? ''}`} className="role-tag">
          {label('role', grant.role)}
          {grant.scopeId ? ` · ${scopeNames.get(`${grant.scopeType}:${grant.scopeId}`) ?? unitLabel(grant.scopeType, grant.scopeId, locale)}` : ''}
        </Tag>
      ))}
    </span>
  );
  const signOutButton = (
    <Button
      onClick={() => {
        void signOut().then(() => navigate('/login'));
      }}
    >
      {t('nav.logout')}
    </Button>
  );
  // The person's own settings (how e-mails reach them): beside their name on a laptop, in the drawer on a phone.
  const accountLink = (
    <Link to="/account" className="account-link" onClick={closeDrawer}>
      {t('nav.account')}
    </Link>
  );
  const menu = <Menu mode="inline" items={items} selectedKeys={selected.map((item) => item.key)} aria-label={t('nav.menu')} onClick={closeDrawer} />;
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Space size="small">
          <Button className="menu-button" aria-label={t('nav.menu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)}>
            ☰
          </Button>
          <Link to="/" className="brand">
            {t('app.title')}
          </Link>
        </Space>
        {wide ? (
          <Space size="middle" wrap className="header-extra">
            {who}
            {accountLink}
            <LanguageSwitch />
            {signOutButton}
          </Space>
        ) : null}
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={230} theme="light">
            {menu}
          </Layout.Sider>
        ) : drawerOpen ? (
          <Suspense fallback={null}>
            <PhoneNav open onClose={() => setDrawerOpen(false)} title={t('app.title')}>
              {who}
              {menu}
              {accountLink}
              <Space wrap>
                <LanguageSwitch />
                {signOutButton}
              </Space>
            </PhoneNav>
          </Suspense>
        ) : null}
        <Layout.Content className="shell-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
