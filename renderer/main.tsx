import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider } from './i18n/I18nProvider';
import { CustodyGate } from './features/lock/CustodyGate';
import './app/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');
createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <CustodyGate>
        <App />
      </CustodyGate>
    </I18nProvider>
  </StrictMode>,
);
