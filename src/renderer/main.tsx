import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ClientProvider } from './hooks/client-context';
// After app.tsx, whose top level asks for the opening page's chunk (the Plan's, the Tasks'): started after the
// first calls, that chunk waited behind them and came over the network instead of from the memory cache (part 10).
import { client } from './start-client';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
