import type { ComponentType } from 'react';
import {
  Activity,
  AppWindow,
  Boxes,
  Database,
  FileOutput,
  FolderOpen,
  Gauge,
  Rocket,
  ScanSearch,
  Settings as SettingsIcon,
  SquareTerminal,
  WandSparkles,
  type LucideIcon,
} from 'lucide-react';

export const pageIds = [
  'overview',
  'terminal',
  'containers',
  'apps',
  'models',
  'serve',
  'benchmark',
  'finetune',
  'export',
  'profiler',
  'files',
  'settings',
] as const;
export type PageId = (typeof pageIds)[number];

export const isPageId = (value: string): value is PageId => (pageIds as readonly string[]).includes(value);

type PageModule = { default: ComponentType };

export interface PageDef {
  readonly id: PageId;
  readonly icon: LucideIcon;
  /** Pages that act on a box need one selected. */
  readonly needsDevice: boolean;
  /** Loaded on first visit (each page is its own chunk). */
  readonly load: () => Promise<PageModule>;
}

export const pages: Record<PageId, PageDef> = {
  overview: { id: 'overview', icon: Activity, needsDevice: true, load: () => import('../pages/overview/OverviewPage.js') },
  terminal: { id: 'terminal', icon: SquareTerminal, needsDevice: true, load: () => import('../pages/terminal/TerminalPage.js') },
  containers: { id: 'containers', icon: Boxes, needsDevice: true, load: () => import('../pages/containers/ContainersPage.js') },
  apps: { id: 'apps', icon: AppWindow, needsDevice: true, load: () => import('../pages/apps/AppsPage.js') },
  models: { id: 'models', icon: Database, needsDevice: true, load: () => import('../pages/models/ModelsPage.js') },
  serve: { id: 'serve', icon: Rocket, needsDevice: true, load: () => import('../pages/serve/ServePage.js') },
  benchmark: { id: 'benchmark', icon: Gauge, needsDevice: true, load: () => import('../pages/benchmark/BenchmarkPage.js') },
  finetune: { id: 'finetune', icon: WandSparkles, needsDevice: true, load: () => import('../pages/finetune/FinetunePage.js') },
  export: { id: 'export', icon: FileOutput, needsDevice: true, load: () => import('../pages/export/ExportPage.js') },
  profiler: { id: 'profiler', icon: ScanSearch, needsDevice: true, load: () => import('../pages/profiler/ProfilerPage.js') },
  files: { id: 'files', icon: FolderOpen, needsDevice: true, load: () => import('../pages/files/FilesPage.js') },
  settings: { id: 'settings', icon: SettingsIcon, needsDevice: false, load: () => import('../pages/settings/SettingsPage.js') },
};
