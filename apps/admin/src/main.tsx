import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.js';
import { I18nProvider } from './i18n/i18n.js';
import { ApiError } from './lib/errors.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

// A refused request (4xx) will not succeed on its own: retry only network failures and 5xx, once.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A read that met a brief outage (503: the database unreachable or out of connections; 502/504; the network)
      // is tried three more times, 1 s, 2 s and 4 s apart; another server error once; a refusal (4xx) never.
      retry: (failures, error) => (!(error instanceof ApiError) || [502, 503, 504].includes(error.status) ? failures < 3 : error.status >= 500 && failures < 1),
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 4000),
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
