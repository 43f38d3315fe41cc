import type { GeoPoint } from '@huying/schema';

/**
 * A fixed grid of cells about 250 m on a side (0.0025° of latitude; a row's cells are as wide in
 * metres, so narrower in degrees of longitude further north). A report is filed under its own cell
 * and looks up its cell and the 8 around it: every report within 250 m is found (and a few up to
 * ~700 m, which the distance signal then sorts out).
 */
const CELL_DEGREES_LAT = 0.0025;

function columnIn(row: number, lng: number): number {
  const width = CELL_DEGREES_LAT / Math.max(0.2, Math.cos(((row + 0.5) * CELL_DEGREES_LAT * Math.PI) / 180));
  return Math.floor(lng / width);
}

export function cellKeys(point: GeoPoint): { own: string[]; around: string[] } {
  const row = Math.floor(point.lat / CELL_DEGREES_LAT);
  const around: string[] = [];
  for (let dr = -1; dr <= 1; dr += 1) {
    const column = columnIn(row + dr, point.lng);
    for (let dc = -1; dc <= 1; dc += 1) around.push(`cell:${row + dr}:${column + dc}`);
  }
  return { own: [`cell:${row}:${columnIn(row, point.lng)}`], around };
}
