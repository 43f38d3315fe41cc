export { urbanManagementService, URBAN_MANAGEMENT_SDL, type UrbanManagementServiceOptions } from './service';
export { urbanManagementAdapter } from './client';
export { mapUrbanCase } from './mapping';
export { startUrbanManagementSimulator, caseOf, caseNoOf, type UrbanManagementSimulatorOptions } from './simulator';
export { urbanManagementSettings } from './config';
export type { LegacyUrbanCase } from './legacyCase';
