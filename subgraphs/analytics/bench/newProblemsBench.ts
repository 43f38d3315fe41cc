import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideCategory } from '@huying/cases';
import { classifyCategory } from '@huying/schema';
import { Dice } from '@huying/synthetic';
import { parse } from 'csv-parse/sync';
import { NEW_PROBLEM_DEFAULTS, newProblemAlerts, type NewProblemOptions, type PoorlyPlacedRequest } from '../src/alerts/newProblems';
import { AFTER_REFERENCE, BEFORE_FIRST, BURST_SHAPE, leadSummary, REFERENCE_COUNT } from './leadTime';

/**
 * The new-problem detector (`src/alerts/newProblems.ts`) on the message board's real posts of 2010–2020
 * (../shared/data/tipdm2020c: 附件4 and both 附件2 sets, about 6,000 posts with times), each placed by the
 * category decision intake makes; one person's posts are one case (the filter's repeat tier). On that
 * baseline every alert is a candidate false alarm (listed for reading). Then synthetic problems the tree
 * has no branch for, in several wordings, are injected as growing bursts of known start: the share
 * alerted by their reference day (the day the 10th request came in) and the lead.
 */
const TIPDM = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'tipdm2020c');
const FILES = ['attachment4_messages_with_replies.csv', 'attachment2_testset_unlabelled.csv', 'attachment2_sample_labelled.csv'];
const DAY = 86_400_000;

/** Problems of the 2020s the category tree has no branch for, each as people might title it. */
export const NOVEL_PROBLEMS: readonly (readonly string[])[] = [
  ['共享电单车堵住小区消防通道', '消防通道被共享电单车堵死', '大量共享电单车占用消防通道', '共享电单车乱停堵塞消防通道', '小区消防通道停满共享电单车', '电单车把消防通道全堵了'],
  ['夜里无人机在小区上空盘旋扰民', '无人机半夜在楼顶飞很吵', '有人在小区放无人机偷拍', '无人机低空飞过窗户侵犯隐私', '楼下每晚有人飞无人机', '无人机整晚嗡嗡响影响休息'],
  ['共享充电宝归还后仍在扣费', '充电宝已归还却被扣了99元', '共享充电宝柜机故障无法归还', '共享充电宝重复扣费', '充电宝还了还显示租借中', '共享充电宝扣费不退'],
  ['接到AI换脸视频诈骗电话', '有人用AI合成声音冒充亲人借钱', 'AI换脸诈骗该向哪里举报', '老人被AI语音骗走积蓄', 'AI合成视频冒充领导要求转账', '警惕AI换脸冒充熟人诈骗'],
  ['智能取餐柜坏了取不出外卖', '外卖取餐柜扫码后柜门打不开', '小区取餐柜收费不合理', '取餐柜被占满外卖只能放地上', '智能取餐柜超时收费', '取餐柜故障客服一直打不通'],
  ['电梯里广告屏声音太大', '电梯广告屏一直循环播放很吵', '小区电梯装的广告屏吵得很', '能否关掉电梯广告屏的声音', '电梯广告屏夜间也在播放', '电梯广告屏音量过大'],
];
const OPENINGS = ['', '', '请问', '投诉', '反映', 'A市'];
const ENDINGS = ['', '', '，希望尽快处理', '，请相关部门管管', '！', '的问题'];

export interface NewProblemsMeasure {
  baseline: { posts: number; cases: number; poorlyPlaced: number; days: number };
  falseAlarms: { total: number; perWeek: number; list: { day: string; label: string; observed: number; cases: number }[] };
  synthetic: { injections: number; requestsPoorlyPlaced: number; alertedByReferenceDay: number; medianLeadDays: number | null };
}

interface Post {
  id: string;
  user: string;
  title: string;
  text: string;
  day: number;
}

function posts(): { posts: Post[]; start: number; days: number } {
  const all: Post[] = [];
  for (const file of FILES) {
    for (const row of parse(readFileSync(join(TIPDM, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]) {
      const at = Date.parse(`${row.created_at}+08:00`);
      if (Number.isNaN(at) || !row.title) continue;
      all.push({ id: `${file.slice(0, 12)}-${row.message_id}`, user: row.user_id ?? row.message_id!, title: row.title, text: row.body ?? '', day: at });
    }
  }
  const start = Math.min(...all.map((post) => post.day));
  const first = Math.floor((start + 8 * 3600_000) / DAY);
  for (const post of all) post.day = Math.floor((post.day + 8 * 3600_000) / DAY) - first;
  return { posts: all.sort((a, b) => a.day - b.day || a.id.localeCompare(b.id)), start: first, days: Math.max(...all.map((post) => post.day)) + 1 };
}

/** As `POORLY_PLACED_REQUESTS` reads intake's decision: no keyword of the tree names it, and the classifier is unsure. */
const poorlyPlaced = (title: string, text: string, options: NewProblemOptions) => {
  const wording = `${title} ${text}`;
  const category = decideCategory(null, wording);
  if (category.source !== 'MODEL' && category.source !== 'RULES') return false;
  return classifyCategory(null, wording).code.startsWith('99') && (category.confidence === null || category.confidence < options.placedFrom);
};

export function measureNewProblems(options: { injections: number; seed: number; detector?: NewProblemOptions; log: (message: string) => void }): NewProblemsMeasure {
  const detector = options.detector ?? NEW_PROBLEM_DEFAULTS;
  const { posts: all, start, days } = posts();
  // One person's posts are one case: the first.
  const seenUsers = new Set<string>();
  const cases = all.filter((post) => !seenUsers.has(post.user) && seenUsers.add(post.user));
  options.log(`new problems: placing ${cases.length} cases of ${all.length} posts…`);
  const baseline: PoorlyPlacedRequest[] = cases.filter((post) => poorlyPlaced(post.title, post.text, detector)).map((post) => ({ day: post.day, caseId: post.id, title: post.title }));
  const isoOf = (day: number) => new Date((start + day) * DAY).toISOString().slice(0, 10);
  const city = new Array<number>(days).fill(0);
  for (const post of cases) city[post.day]! += 1;
  const alarms = newProblemAlerts(baseline, days, detector, city);

  options.log(`new problems: ${baseline.length} poorly placed; injecting ${options.injections} bursts…`);
  const dice = new Dice(options.seed);
  let injected = 0;
  let placedPoorly = 0;
  const leads: (number | null)[] = [];
  for (let index = 0; index < options.injections; index++) {
    const wordings = dice.pick(NOVEL_PROBLEMS);
    const first = dice.int(60, days - 61);
    const burst: PoorlyPlacedRequest[] = [];
    const cityWithBurst = [...city];
    let reference = first;
    let count = 0;
    BURST_SHAPE.forEach((extra, offset) => {
      for (let n = 0; n < extra; n++) {
        const title = `${dice.pick(OPENINGS)}${dice.pick(wordings)}${dice.pick(ENDINGS)}`;
        count += 1;
        injected += 1;
        cityWithBurst[first + offset]! += 1;
        if (count === REFERENCE_COUNT) reference = first + offset;
        if (!poorlyPlaced(title, '', detector)) continue;
        placedPoorly += 1;
        burst.push({ day: first + offset, caseId: `injected-${index}-${count}`, title });
      }
    });
    const ids = new Set(burst.map((request) => request.caseId));
    const hit = newProblemAlerts([...baseline, ...burst], days, detector, cityWithBurst).find(
      (alert) => alert.caseIds.some((id) => ids.has(id)) && alert.openedDay >= first - BEFORE_FIRST && alert.openedDay <= reference + AFTER_REFERENCE,
    );
    leads.push(hit ? reference - hit.openedDay : null);
  }
  return {
    baseline: { posts: all.length, cases: cases.length, poorlyPlaced: baseline.length, days },
    falseAlarms: {
      total: alarms.length,
      perWeek: Number((alarms.length / (days / 7)).toFixed(3)),
      list: alarms.map((alert) => ({ day: isoOf(alert.openedDay), label: alert.placeName ?? '', observed: alert.observed, cases: alert.caseIds.length })),
    },
    synthetic: {
      injections: options.injections,
      requestsPoorlyPlaced: Number((placedPoorly / injected).toFixed(3)),
      ...leadSummary(leads),
    },
  };
}
