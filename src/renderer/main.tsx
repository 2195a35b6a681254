import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { firstCalls, withEarlyCalls } from './api/early-calls';
import { knownZone } from './api/zone-memory';
import { App } from './app';
import { ClientProvider } from './hooks/client-context';
import './styles/app.css';

// The opening page's data is asked for now, beside the settings, not after them (early-calls.ts).
const base = createClient();
const client = withEarlyCalls(base, firstCalls(window.location.hash, Date.now(), knownZone()));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
