/**
 * A 数字城管 case (GB/T 30428) as the system's XML API sends it. Coordinates are in the system's own
 * reference (GCJ-02 here); times are local, to the second.
 */
export interface LegacyUrbanCase {
  caseNo: string;
  /** 部件 (a fixture: manhole cover, street light) or 事件 (an event: vendors, garbage). */
  eventType: string;
  majorCode: string;
  majorName: string;
  minorCode: string;
  minorName: string;
  /** 单元网格 code */
  gridCode: string;
  x: string;
  y: string;
  address: string;
  description: string;
  /** 监督员 who found it */
  inspector: string;
  foundTime: string;
  modifiedTime: string;
  status: string;
  photos: string[];
}
