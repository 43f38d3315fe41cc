import type { Mapping } from '@huying/connector-kit';
import { parseShanghaiLocalTime, toWgs84, type CoordinateSystem } from '@huying/schema';
import type { LegacyUrbanCase } from './legacyCase';

/** A 数字城管 case → our report (coordinates converted to WGS-84), plus `urbanCase`. */
export function mapUrbanCase(record: LegacyUrbanCase, crs: CoordinateSystem): Mapping {
  if (!record?.caseNo) return { ok: false, reason: 'caseNo is missing' };
  const foundAt = parseShanghaiLocalTime(String(record.foundTime ?? ''));
  if (!foundAt) return { ok: false, reason: `foundTime "${record.foundTime}" is not a valid local time` };
  const x = Number.parseFloat(String(record.x));
  const y = Number.parseFloat(String(record.y));
  if (!Number.isFinite(x) || !Number.isFinite(y)) return { ok: false, reason: `x/y "${record.x}","${record.y}" are not coordinates` };
  const location = toWgs84({ lng: x, lat: y }, crs);
  return {
    ok: true,
    report: {
      channel: 'URBAN_MANAGEMENT',
      sourceId: record.caseNo,
      receivedAt: foundAt,
      title: `${record.minorName}`,
      text: record.description,
      address: record.address,
      location: { lng: location.lng, lat: location.lat, crs: 'WGS84' },
      categoryHint: record.minorName,
      contact: null,
      intakeMode: 'GRID_PATROL',
    },
    native: {
      caseNo: record.caseNo,
      eventType: record.eventType === '部件' ? 'COMPONENT' : 'EVENT',
      eventTypeName: record.eventType,
      majorCode: String(record.majorCode),
      majorName: record.majorName,
      minorCode: String(record.minorCode),
      minorName: record.minorName,
      gridCode: String(record.gridCode),
      inspector: record.inspector,
      status: record.status || null,
      photos: record.photos ?? [],
    },
  };
}
