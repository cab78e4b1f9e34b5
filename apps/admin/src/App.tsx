import { lazy, Suspense, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/Feedback.js';
import { useI18n } from './i18n/i18n.js';
import { AppLayout } from './layout/AppLayout.js';
import { useSession } from './lib/auth.js';
import { HealthPanel as HealthPage } from './pages/HealthPage.js';
import { LoginPage } from './pages/LoginPage.js';

// Every page after login is its own chunk: the login page loads only what it needs.
const HomePage = lazy(() => import('./pages/HomePage.js'));
const InstancePage = lazy(() => import('./pages/instance/InstancePage.js'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.js'));
const CalendarsPage = lazy(() => import('./pages/admin/CalendarsPage.js'));
const ReferencePage = lazy(() => import('./pages/admin/ReferencePage.js'));
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.js'));
const RoundsPage = lazy(() => import('./pages/rounds/RoundsPage.js'));
const RoundPage = lazy(() => import('./pages/rounds/RoundPage.js'));
const CertificatesPage = lazy(() => import('./pages/rounds/CertificatesPage.js'));
const SchemesPage = lazy(() => import('./pages/schemes/SchemesPage.js'));
const SchemePage = lazy(() => import('./pages/schemes/SchemePage.js'));
const PlansPage = lazy(() => import('./pages/schemes/PlansPage.js'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

function page(element: ReactNode) {
  return <Suspense fallback={<Loading />}>{element}</Suspense>;
}

/** Pages behind login: without a session, go to /login and come back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return children;
}

/** The root: the home page when signed in, the login page (with the system status) otherwise. */
function Root() {
  const session = useSession();
  if (!session) return <LoginPage />;
  return <AppLayout>{page(<HomePage />)}</AppLayout>;
}

function signedIn(element: ReactNode) {
  return (
    <RequireSession>
      <AppLayout>{page(element)}</AppLayout>
    </RequireSession>
  );
}



export function App() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={{ token: { colorPrimary: '#b3261e', borderRadius: 6 } }}>
        <BrowserRouter>
          <Routes>
            <Route path="/" element={<Root />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/instances/:id" element={signedIn(<InstancePage />)} />
            <Route path="/health" element={signedIn(<HealthPage />)} />
            <Route path="/admin/users" element={signedIn(<UsersPage />)} />
            <Route path="/admin/calendars" element={signedIn(<CalendarsPage />)} />
            <Route path="/admin/reference" element={signedIn(<ReferencePage />)} />
            <Route path="/verify" element={page(<VerifyPage />)} />
            <Route path="/verify/:number" element={page(<VerifyPage />)} />
            <Route path="/rounds" element={signedIn(<RoundsPage />)} />
            <Route path="/rounds/:id" element={signedIn(<RoundPage />)} />
            <Route path="/certificates" element={signedIn(<CertificatesPage />)} />
            <Route path="/schemes" element={signedIn(<SchemesPage />)} />
            <Route path="/schemes/:id" element={signedIn(<SchemePage />)} />
            <Route path="/plans" element={signedIn(<PlansPage />)} />
            <Route path="/reports" element={signedIn(<ReportsPage />)} />
            <Route path="*" element={page(<NotFoundPage />)} />
          </Routes>
        </BrowserRouter>
    </ConfigProvider>
  );
}
