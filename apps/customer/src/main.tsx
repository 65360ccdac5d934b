import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { adoptArrivedPrefetch } from './menu';
import { createQueryClient } from './shared/query-client';
import { I18nProvider } from './shared/i18n/i18n';
import { ToastProvider } from './shared/ui/Toast';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// A menu the inline bootstrap already received is read first, so the first render shows it.
await adoptArrivedPrefetch();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider>
        <ToastProvider>
          <App />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);

// Production builds open from the service worker's cache on the next start (public/sw.js). The page may
// have loaded already while the first menu was read (the await above).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
}
