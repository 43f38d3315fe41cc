import type { Mapping } from '@huying/connector-kit';
import { INTAKE_MODE_NAMES, INTAKE_MODES, parseShanghaiLocalTime, toWgs84, type CoordinateSystem, type IntakeMode } from '@huying/schema';
import type { LegacyGridReport } from './legacyGridReport';

const MODE_BY_NAME = new Map(INTAKE_MODES.map((mode) => [INTAKE_MODE_NAMES[mode], mode] as [string, IntakeMode]));

/** A grid worker's report → our report (BD-09 → WGS-84, 网格巡 → GRID_PATROL), plus `gridReport`. */
export function mapGridReport(record: LegacyGridReport, crs: CoordinateSystem): Mapping {
  if (!record?.reportNo) return { ok: false, reason: 'reportNo is missing' };
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(record.reportTime ?? ''));
  const reportedAt = compact ? parseShanghaiLocalTime(`${compact[1]}-${compact[2]}-${compact[3]} ${compact[4]}:${compact[5]}:${compact[6]}`) : null;
  if (!reportedAt) return { ok: false, reason: `reportTime "${record.reportTime}" is not a time (yyyyMMddHHmmss)` };
  const mode = MODE_BY_NAME.get(record.source);
  if (!mode) return { ok: false, reason: `source "${record.source}" is not an intake mode (${[...MODE_BY_NAME.keys()].join('/')})` };
  const location = toWgs84({ lng: Number(record.lng), lat: Number(record.lat) }, crs);
  return {
    ok: true,
    report: {
      channel: 'GRID',
      sourceId: record.reportNo,
      receivedAt: reportedAt,
      title: null,
      text: record.content,
      address: record.address,
      location: { lng: location.lng, lat: location.lat, crs: 'WGS84' },
      categoryHint: null,
      contact: null,
      intakeMode: mode,
    },
    native: {
      reportNo: record.reportNo,
      gridId: record.gridId,
      worker: record.worker,
      intakeMode: mode,
      intakeModeName: record.source,
      settledOnSpot: Number(record.settled) === 1,
      state: record.state || null,
    },
  };
}
