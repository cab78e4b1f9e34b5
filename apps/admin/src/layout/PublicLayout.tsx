import { useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The public pages, in the order a visitor meets them; sign-in last. */
const PUBLIC_NAV: readonly { path: string; label: MessageKey }[] = [
  { path: '/open-rounds', label: 'nav.openRounds' },
  { path: '/catalogue', label: 'nav.catalogue' },
  { path: '/verify', label: 'nav.verify' },
  { path: '/register', label: 'pub.nav.register' },
  { path: '/login', label: 'pub.nav.login' },
];

/** The frame of the public pages (no login): brand, public navigation, language switch, sign-in link. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  // Wide screens show the links in the header; phones (below lg) a menu button opening a drawer.
  const wide = screens.lg === true;
  const items = PUBLIC_NAV.map((item) => ({
    key: item.path,
    label: (
      <Link to={item.path} onClick={() => setOpen(false)}>
        {t(item.label)}
      </Link>
    ),
  }));
  const selected = PUBLIC_NAV.filter((item) => location.pathname.startsWith(item.path)).map((item) => item.path);
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header" style={{ paddingInline: 16 }}>
        <Link to="/open-rounds" className="brand">
          {t('app.title')}
        </Link>
        {wide ? (
          <nav aria-label={t('pub.nav.label')} style={{ display: 'flex', alignItems: 'center', gap: 12, flex: 1, justifyContent: 'flex-end', minWidth: 0 }}>
            <Menu
              mode="horizontal"
              theme="dark"
              items={items}
              selectedKeys={selected}
              disabledOverflow
              style={{ background: 'transparent', borderBottom: 'none', flex: 1, justifyContent: 'flex-end', minWidth: 0 }}
            />
            <LanguageSwitch />
          </nav>
        ) : (
          <Button aria-label={t('pub.nav.menu')} data-testid="public-menu-button" onClick={() => setOpen(true)}>
            ☰
          </Button>
        )}
      </Layout.Header>
      {wide ? null : (
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={280} title={t('app.title')}>
          <div data-testid="public-drawer">
            <Menu mode="vertical" items={items} selectedKeys={selected} style={{ borderInlineEnd: 'none' }} />
            <div className="gap-top">
              <LanguageSwitch />
            </div>
          </div>
        </Drawer>
      )}
      <Layout.Content className="shell-content" style={{ maxWidth: 1200, width: '100%', margin: '0 auto', paddingInline: wide ? 24 : 12 }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
