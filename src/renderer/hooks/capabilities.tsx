import { createContext, useContext, type ReactNode } from 'react';
import type { ShellCapabilities } from '../../shared/bridge';

const fallback: ShellCapabilities = {
  host: 'http',
  launchAtLogin: { supported: false, enabled: false },
  opensLoginPage: false,
};
const CapabilitiesContext = createContext<ShellCapabilities>(fallback);

export function CapabilitiesProvider({ value, children }: { value: ShellCapabilities | null; children: ReactNode }) {
  return <CapabilitiesContext.Provider value={value ?? fallback}>{children}</CapabilitiesContext.Provider>;
}

export function useCapabilities(): ShellCapabilities {
  return useContext(CapabilitiesContext);
}
