import type { GeoPoint } from '@huying/schema';

/** A place in the district where people live, walk and complain; coordinates are WGS-84. */
export interface Place {
  name: string;
  kind: 'estate' | 'road' | 'school' | 'market';
  street: string;
  community: string;
  location: GeoPoint;
}

/** Wuhan 江岸区 (district code 420102): real street names, approximate WGS-84 positions. */
export const DISTRICT = { city: '武汉市', name: '江岸区', code: '420102' } as const;

export const PLACES: readonly Place[] = [
  { name: '百步亭花园', kind: 'estate', street: '百步亭花园路街道', community: '百步亭社区', location: { lng: 114.3046, lat: 30.6468 } },
  { name: '后湖家园', kind: 'estate', street: '后湖街道', community: '后湖社区', location: { lng: 114.2952, lat: 30.6418 } },
  { name: '塔子湖东园', kind: 'estate', street: '后湖街道', community: '塔子湖社区', location: { lng: 114.2881, lat: 30.6352 } },
  { name: '汉口花园', kind: 'estate', street: '后湖街道', community: '汉口花园社区', location: { lng: 114.2917, lat: 30.6483 } },
  { name: '新村小区', kind: 'estate', street: '二七街道', community: '新村社区', location: { lng: 114.3212, lat: 30.6247 } },
  { name: '惠民苑', kind: 'estate', street: '谌家矶街道', community: '惠民苑社区', location: { lng: 114.3335, lat: 30.6541 } },
  { name: '金色华府', kind: 'estate', street: '后湖街道', community: '金色华府社区', location: { lng: 114.2827, lat: 30.6446 } },
  { name: '永清小区', kind: 'estate', street: '永清街道', community: '永清社区', location: { lng: 114.2969, lat: 30.6058 } },
  { name: '球场街小区', kind: 'estate', street: '球场街道', community: '球场街社区', location: { lng: 114.2868, lat: 30.6148 } },
  { name: '台北一路小区', kind: 'estate', street: '台北街道', community: '台北路社区', location: { lng: 114.2811, lat: 30.6053 } },
  { name: '解放大道', kind: 'road', street: '大智街道', community: '大智路社区', location: { lng: 114.2846, lat: 30.5984 } },
  { name: '沿江大道', kind: 'road', street: '一元街道', community: '一元路社区', location: { lng: 114.2997, lat: 30.5935 } },
  { name: '黄浦大街', kind: 'road', street: '台北街道', community: '黄浦路社区', location: { lng: 114.3033, lat: 30.6133 } },
  { name: '兴业路', kind: 'road', street: '百步亭花园路街道', community: '兴业社区', location: { lng: 114.3109, lat: 30.6429 } },
  { name: '二七路', kind: 'road', street: '二七街道', community: '二七社区', location: { lng: 114.3187, lat: 30.6193 } },
  { name: '江大路', kind: 'road', street: '车站街道', community: '江大路社区', location: { lng: 114.2931, lat: 30.6089 } },
  { name: '育才小学', kind: 'school', street: '大智街道', community: '育才社区', location: { lng: 114.2892, lat: 30.6005 } },
  { name: '鄱阳街小学', kind: 'school', street: '一元街道', community: '鄱阳街社区', location: { lng: 114.2955, lat: 30.5911 } },
  { name: '七一中学', kind: 'school', street: '车站街道', community: '七一社区', location: { lng: 114.2905, lat: 30.6102 } },
  { name: '花桥菜市场', kind: 'market', street: '花桥街道', community: '花桥社区', location: { lng: 114.3066, lat: 30.6271 } },
  { name: '后湖农贸市场', kind: 'market', street: '后湖街道', community: '后湖社区', location: { lng: 114.2933, lat: 30.6392 } },
  { name: '四唯路菜场', kind: 'market', street: '四唯街道', community: '四唯社区', location: { lng: 114.3021, lat: 30.6022 } },
];

/** Moves a point by up to `meters` in a random direction (one issue is reported from a few steps apart). */
export function jitter(point: GeoPoint, meters: number, roll: () => number): GeoPoint {
  const distance = roll() * meters;
  const angle = roll() * 2 * Math.PI;
  const dLat = (distance * Math.cos(angle)) / 111_320;
  const dLng = (distance * Math.sin(angle)) / (111_320 * Math.cos((point.lat * Math.PI) / 180));
  return { lng: round6(point.lng + dLng), lat: round6(point.lat + dLat) };
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * 数字城管 单元网格 code: the district code plus a row/column of a ~500 m cell, so that neighbours in
 * space share or neighbour a grid code.
 */
export function unitGridCode(point: GeoPoint): string {
  const row = Math.floor((point.lat - 30.5) / 0.0045);
  const column = Math.floor((point.lng - 114.2) / 0.0052);
  return `${DISTRICT.code}${String(row).padStart(3, '0')}${String(column).padStart(3, '0')}`;
}
