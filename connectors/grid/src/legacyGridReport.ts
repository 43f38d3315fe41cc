/** A grid worker's (网格员) report as the 社管平台 sends it: BD-09 coordinates, compact local times. */
export interface LegacyGridReport {
  reportNo: string;
  gridId: string;
  worker: string;
  /** 网格巡 / 入户访 / 座谈征 … */
  source: string;
  content: string;
  address: string;
  lng: number | string;
  lat: number | string;
  /** "20261120083005" */
  reportTime: string;
  /** 1 = settled on the spot (就地化解) */
  settled: number;
  state: string;
}

export interface GridPage {
  items: LegacyGridReport[];
  nextToken: string | null;
  total: number;
}
