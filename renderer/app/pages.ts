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
  /** Loaded on first visit (each page is its own chunk). Absent while the page is not built yet. */
  readonly load?: () => Promise<PageModule>;
  /** The issue that builds this page, shown while it is not built. */
  readonly issue?: number;
}

export const pages: Record<PageId, PageDef> = {
  overview: { id: 'overview', icon: Activity, needsDevice: true, issue: 6, load: () => import('../pages/overview/OverviewPage.js') },
  terminal: { id: 'terminal', icon: SquareTerminal, needsDevice: true, issue: 7, load: () => import('../pages/terminal/TerminalPage.js') },
  containers: { id: 'containers', icon: Boxes, needsDevice: true, issue: 8, load: () => import('../pages/containers/ContainersPage.js') },
  apps: { id: 'apps', icon: AppWindow, needsDevice: true, issue: 8, load: () => import('../pages/apps/AppsPage.js') },
  models: { id: 'models', icon: Database, needsDevice: true, issue: 9, load: () => import('../pages/models/ModelsPage.js') },
  serve: { id: 'serve', icon: Rocket, needsDevice: true, issue: 9, load: () => import('../pages/serve/ServePage.js') },
  benchmark: { id: 'benchmark', icon: Gauge, needsDevice: true, issue: 10, load: () => import('../pages/benchmark/BenchmarkPage.js') },
  finetune: { id: 'finetune', icon: WandSparkles, needsDevice: true, issue: 11, load: () => import('../pages/finetune/FinetunePage.js') },
  export: { id: 'export', icon: FileOutput, needsDevice: true, issue: 12, load: () => import('../pages/export/ExportPage.js') },
  profiler: { id: 'profiler', icon: ScanSearch, needsDevice: true, issue: 13, load: () => import('../pages/profiler/ProfilerPage.js') },
  files: { id: 'files', icon: FolderOpen, needsDevice: true, issue: 13, load: () => import('../pages/files/FilesPage.js') },
  settings: { id: 'settings', icon: SettingsIcon, needsDevice: false, load: () => import('../pages/settings/SettingsPage.js') },
};
