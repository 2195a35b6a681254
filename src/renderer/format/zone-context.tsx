import { createContext, useContext, type ReactNode } from 'react';

// Until settings load, the browser's own zone.
const ZoneContext = createContext<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);

export function ZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <ZoneContext.Provider value={zone}>{children}</ZoneContext.Provider>;
}

export function useZone(): string {
  return useContext(ZoneContext);
}
