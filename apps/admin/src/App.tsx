import { lazy, Suspense, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/Feedback.js';
import { ProgressBar } from './components/ProgressBar.js';
import { useI18n } from './i18n/i18n.js';
import { AppLayout } from './layout/AppLayout.js';
import { PublicLayout } from './layout/PublicLayout.js';
import { useSession } from './lib/auth.js';
import { useFocusReturn } from './lib/focusReturn.js';
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
const SchemeFormPage = lazy(() => import('./pages/schemes/SchemeFormPage.js'));
const LocalPlanApprovalPage = lazy(() => import('./pages/schemes/LocalPlanApprovalPage.js'));
const PlanPage = lazy(() => import('./pages/plans/PlanPage.js'));
const ConsultingPage = lazy(() => import('./pages/consulting/ConsultingPage.js'));
const EngagementPage = lazy(() => import('./pages/consulting/EngagementPage.js'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));
const Feedback = lazy(() => import('./layout/Feedback.js'));
const OpenRoundsPage = lazy(() => import('./pages/public/OpenRoundsPage.js'));
const CataloguePage = lazy(() => import('./pages/public/CataloguePage.js'));
const RegisterPage = lazy(() => import('./pages/public/RegisterPage.js'));
const EstablishmentsPage = lazy(() => import('./pages/establishments/EstablishmentsPage.js'));
const EstablishmentPage = lazy(() => import('./pages/establishments/EstablishmentPage.js'));
const EntriesPage = lazy(() => import('./pages/entries/EntriesPage.js'));
const ImportsPage = lazy(() => import('./pages/imports/ImportsPage.js'));
const AccountPage = lazy(() => import('./pages/account/AccountPage.js'));

/** A page of its own chunk, with the toasts and confirmations of antd's App around it (also lazily loaded). */
function page(element: ReactNode) {
  return (
    <Suspense fallback={<Loading />}>
      <Feedback>{element}</Feedback>
    </Suspense>
  );
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
  // The first page after login acts through links only: it goes without the toast code to load faster.
  return (
    <AppLayout>
      <Suspense fallback={<Loading />}>
        <HomePage />
      </Suspense>
    </AppLayout>
  );
}

/** Public pages: in the signed-in frame for a signed-in user, in the public frame otherwise. */
function Public({ children }: { children: ReactNode }) {
  const session = useSession();
  return session ? <AppLayout>{page(children)}</AppLayout> : <PublicLayout>{page(children)}</PublicLayout>;
}

function signedIn(element: ReactNode) {
  return (
    <RequireSession>
      <AppLayout>{page(element)}</AppLayout>
    </RequireSession>
  );
}

/**
 * antd's default greys for secondary text, placeholders and empty states are too light to read (and fail WCAG AA
 * contrast on white); these keep them at 4.5:1 or better.
 */
const THEME = {
  token: {
    colorPrimary: '#b3261e',
    // Links: antd's default blue (#1677ff) reads at 4.0:1 on white; this one at 7:1.
    colorLink: '#1450a3',
    colorInfo: '#1450a3',
    // Danger text (reject, remove) and status colours at 4.5:1 or more on white; antd's #ff4d4f reads at 3.3:1.
    colorError: '#c42b1c',
    colorSuccess: '#2e7d32',
    colorWarning: '#ad5f00',
    borderRadius: 6,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
  },
};

export function App() {
  const { locale } = useI18n();
  useFocusReturn();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={THEME}>
      <BrowserRouter>
        <ProgressBar />
        <Routes>
          <Route path="/" element={<Root />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/instances/:id" element={signedIn(<InstancePage />)} />
          <Route path="/health" element={signedIn(<HealthPage />)} />
          <Route path="/account" element={signedIn(<AccountPage />)} />
          <Route path="/admin/users" element={signedIn(<UsersPage />)} />
          <Route path="/admin/calendars" element={signedIn(<CalendarsPage />)} />
          <Route path="/admin/reference" element={signedIn(<ReferencePage />)} />
          <Route path="/verify" element={page(<VerifyPage />)} />
          <Route path="/verify/:number" element={page(<VerifyPage />)} />
          <Route path="/rounds" element={signedIn(<RoundsPage />)} />
          <Route path="/rounds/:id" element={signedIn(<RoundPage />)} />
          <Route path="/certificates" element={signedIn(<CertificatesPage />)} />
          <Route path="/schemes" element={signedIn(<SchemesPage />)} />
          <Route path="/schemes/new" element={signedIn(<SchemeFormPage />)} />
          <Route path="/schemes/local-plan" element={signedIn(<LocalPlanApprovalPage />)} />
          <Route path="/schemes/:id" element={signedIn(<SchemePage />)} />
          <Route path="/schemes/:id/edit" element={signedIn(<SchemeFormPage />)} />
          <Route path="/plans" element={signedIn(<PlansPage />)} />
          <Route path="/plans/:id" element={signedIn(<PlanPage />)} />
          <Route path="/consulting" element={signedIn(<ConsultingPage />)} />
          <Route path="/consulting/engagements/:id" element={signedIn(<EngagementPage />)} />
          <Route path="/reports" element={signedIn(<ReportsPage />)} />
          <Route
            path="/open-rounds"
            element={
              <Public>
                <OpenRoundsPage />
              </Public>
            }
          />
          <Route
            path="/catalogue"
            element={
              <Public>
                <CataloguePage />
              </Public>
            }
          />
          <Route
            path="/register"
            element={
              <Public>
                <RegisterPage />
              </Public>
            }
          />
          <Route path="/establishments" element={signedIn(<EstablishmentsPage />)} />
          <Route path="/establishments/:id" element={signedIn(<EstablishmentPage />)} />
          <Route path="/entries" element={signedIn(<EntriesPage />)} />
          <Route path="/imports" element={signedIn(<ImportsPage />)} />
          <Route path="*" element={page(<NotFoundPage />)} />
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}
