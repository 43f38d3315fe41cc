/**
 * A 12345 work order (工单) as the call-centre system sends it. Field names are the system's own
 * pinyin initials; times are Beijing local time without a zone ("2026/11/20 08:30:05").
 */
export interface LegacyTicket {
  /** 工单编号 */
  gdbh: string;
  /** 来电时间 */
  ldsj: string;
  /** 来电号码 */
  ldhm: string;
  /** 联系人 */
  lxr: string;
  /** 诉求标题 */
  sqbt: string;
  /** 诉求内容 (the agent's summary) */
  sqnr: string;
  /** 发生地址 */
  fsdz: string;
  /** 诉求分类, as the agent chose it */
  sqfl: string;
  /** 受理坐席 (agent id and name) */
  slzx: string;
  /** 是否回访: 是 / 否 */
  sfhf: string;
  /** 工单状态 */
  gdzt: string;
  /** 办理反馈 (the department's answer), empty while open */
  blfk: string;
  /** 修改时间 */
  xgsj: string;
}

export interface TicketPage {
  code: number;
  total: number;
  page: number;
  pageSize: number;
  rows: LegacyTicket[];
}
