import { create } from 'zustand';
import type { AppInfo } from '../../src/contract/methods/app.js';
import type { SocketState } from '../bridge/socket-bridge.js';
import { bridge } from '../bridge/bridge.js';

interface AppState {
  readonly info: AppInfo | undefined;
  readonly socket: SocketState | 'electron';
  readonly sidebarCollapsed: boolean;
  loadInfo(): Promise<void>;
  setSocket(state: SocketState): void;
  toggleSidebar(): void;
}

const narrow = () => typeof window !== 'undefined' && window.innerWidth < 760;

export const useAppStore = create<AppState>()((set) => ({
  info: undefined,
  socket: 'connecting',
  sidebarCollapsed: narrow(),
  loadInfo: async () => {
    const result = await bridge().call('app:info', {});
    if (result.ok) set({ info: result.value });
  },
  setSocket: (socket) => set({ socket }),
  toggleSidebar: () => set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed })),
}));
