/**
 * The shared vocabulary of the hub. Identifiers are English; what a person reads is Simplified Chinese,
 * kept here so every service and page shows the same words.
 */

export const CHANNELS = ['HOTLINE', 'MESSAGE_BOARD', 'URBAN_MANAGEMENT', 'GRID', 'OPEN311'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels that are legacy systems the hub's connectors pull from (and backfill); Open311 clients post to the hub. */
export const CONNECTED_CHANNELS = ['HOTLINE', 'MESSAGE_BOARD', 'URBAN_MANAGEMENT', 'GRID'] as const satisfies readonly Channel[];
export type ConnectedChannel = (typeof CONNECTED_CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = {
  HOTLINE: '12345市长专线',
  MESSAGE_BOARD: '城市留言板',
  URBAN_MANAGEMENT: '数字城管',
  GRID: '社管平台(网格)',
  OPEN311: 'Open311应用',
};

/** A case's place in the closed loop 发现 → 派单 → 办理 → 督办 → 反馈 → 评价. */
export const CASE_STATUSES = ['RECEIVED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'MERGED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_NAMES: Record<CaseStatus, string> = {
  RECEIVED: '已受理',
  DISPATCHED: '已派单',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
  CLOSED: '已归档',
  MERGED: '已并案',
};
/** Statuses in which a case still needs work; a repeat or merge may attach to these. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['RECEIVED', 'DISPATCHED', 'IN_PROGRESS'];

/** Jiang'an's levels: A community (A1 grid worker, A2 community office), B street, C district, D city. */
export const LEVELS = ['A1', 'A2', 'B', 'C', 'D'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = {
  A1: '网格员处置',
  A2: '社区处置',
  B: '街道处置',
  C: '区级处置',
  D: '市级处置',
};

/** Yinchuan's 吹哨报到 whistles. */
export const WHISTLES = ['QUICK', 'TOUGH', 'EMERGENCY'] as const;
export type Whistle = (typeof WHISTLES)[number];
export const WHISTLE_NAMES: Record<Whistle, string> = { QUICK: '快捷哨', TOUGH: '攻坚哨', EMERGENCY: '应急哨' };

/** Yinchuan's matter types: needs a department / a compound's shared matter / between neighbours. */
export const MATTER_TYPES = ['PUBLIC', 'SHARED', 'HOUSEHOLD'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const MATTER_TYPE_NAMES: Record<MatterType, string> = { PUBLIC: '公事', SHARED: '共事', HOUSEHOLD: '家事' };

/** Jiang'an's six intake modes; a report keeps the mode it came in by. */
export const INTAKE_MODES = ['ONLINE', 'GRID_PATROL', 'HOME_VISIT', 'FORUM', 'OPINION_MONITORING', 'FROM_ABOVE'] as const;
export type IntakeMode = (typeof INTAKE_MODES)[number];
export const INTAKE_MODE_NAMES: Record<IntakeMode, string> = {
  ONLINE: '线上集',
  GRID_PATROL: '网格巡',
  HOME_VISIT: '入户访',
  FORUM: '座谈征',
  OPINION_MONITORING: '舆情寻',
  FROM_ABOVE: '上级派',
};

export const COORDINATE_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];
