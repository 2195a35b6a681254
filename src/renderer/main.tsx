// First import: the client and the opening page's first calls start before React is evaluated (start-client.ts).
import { client } from './start-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ClientProvider } from './hooks/client-context';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
