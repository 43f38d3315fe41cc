export { gridService, GRID_SDL, type GridServiceOptions } from './service';
export { gridAdapter } from './client';
export { mapGridReport } from './mapping';
export { startGridSimulator, gridReportOf, type GridSimulatorOptions } from './simulator';
export { gridSettings } from './config';
export type { LegacyGridReport, GridPage } from './legacyGridReport';
