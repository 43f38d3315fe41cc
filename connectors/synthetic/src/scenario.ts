import { CONNECTED_CHANNELS, type Channel, type GeoPoint, type IntakeMode } from '@huying/schema';
import { Dice } from './dice';
import { DISTRICT, jitter, PLACES, type Place } from './places';
import { SINCE_PHRASES, TOPICS, type Topic } from './topics';

/** One synthetic report as a citizen, inspector or grid worker made it, with its gold issue. */
export interface SyntheticReport {
  /** Position in the stream, from 0; reports come in time order. */
  seq: number;
  /** Gold label: reports with the same key are about the same real-world issue. */
  issueKey: string;
  channel: Channel;
  reportedAt: Date;
  title: string;
  text: string;
  /** Full address text (市/区/街道/place/spot). */
  address: string;
  placeName: string;
  /** Where at the place (building/unit, gate, corner): one topic has at most one open issue per spot. */
  spot: string;
  street: string;
  community: string;
  /** WGS-84; simulators shift it into their system's coordinates. */
  location: GeoPoint;
  /** The reporter's mobile number. */
  contact: string;
  reporterName: string;
  topicKey: string;
  categoryCode: string;
  intakeMode: IntakeMode;
  /** True when the reporter already reported this issue earlier (same phone). */
  sameReporterAgain: boolean;
  /** When and how the issue was answered in this channel's system; null while it stays open. */
  followUp: { at: Date; reply: string } | null;
}

export interface ScenarioOptions {
  seed: number;
  /** When the first issue happens. */
  start: Date;
  /** Mean time between two new issues (default 10 minutes). */
  meanIssueGapMs?: number;
  /** Mean delay of a further report after an issue starts (default 3 hours; capped at maxSpreadMs). */
  meanReportDelayMs?: number;
  maxSpreadMs?: number;
  /** Channels that take reports (default the four connected ones), with weights in the same order. */
  channels?: readonly Channel[];
  channelWeights?: readonly number[];
  /**
   * How long an issue stays open after it starts (default 7 days: a day of reports, then the time a
   * department takes). While it is open no second issue of the same topic starts at the same spot:
   * a city files a second report about the same broken lamp into the first case.
   */
  issueOpenMs?: number;
}

interface Issue {
  key: string;
  topic: Topic;
  place: Place;
  spot: string;
  location: GeoPoint;
  textIndex: number;
}

const DEFAULT_WEIGHTS: Record<Channel, number> = { HOTLINE: 4, MESSAGE_BOARD: 2, URBAN_MANAGEMENT: 2, GRID: 2, OPEN311: 1 };
const REPORTS_PER_ISSUE = [1, 2, 3, 4, 5, 6] as const;
const REPORTS_PER_ISSUE_WEIGHTS = [55, 25, 11, 5, 3, 1] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const RECENT_ISSUES = 40;

/**
 * An endless, time-ordered stream of reports about issues in one district. Each issue is reported one
 * or more times across channels, near in time and place and worded differently, sometimes by the same
 * person again; some distinct issues share an address, others share wording in another place (hard
 * negatives). Memory stays bounded (a window of pending reports), so millions can be streamed.
 */
export function* streamReports(options: ScenarioOptions): Generator<SyntheticReport> {
  const dice = new Dice(options.seed);
  const channels = options.channels ?? CONNECTED_CHANNELS;
  const weights = options.channelWeights ?? channels.map((channel) => DEFAULT_WEIGHTS[channel]);
  const gap = options.meanIssueGapMs ?? 10 * 60_000;
  const maxSpread = options.maxSpreadMs ?? 24 * 3600_000;
  const meanDelay = options.meanReportDelayMs ?? 3 * 3600_000;
  const openFor = options.issueOpenMs ?? 7 * 24 * 3600_000;
  const recent: Issue[] = [];
  const open = new OpenIssues();
  // Pending reports sorted by time; everything up to the newest issue's start can be emitted.
  const pending: Omit<SyntheticReport, 'seq'>[] = [];
  let clock = options.start.getTime();
  let seq = 0;
  let head = 0;
  let issueNumber = 0;

  for (;;) {
    open.closeBefore(clock);
    const issue = nextIssue(dice, `${options.seed}-${issueNumber++}`, recent, open);
    open.add(issue, clock + openFor);
    recent.push(issue);
    if (recent.length > RECENT_ISSUES) recent.shift();

    const count = dice.weighted(REPORTS_PER_ISSUE, REPORTS_PER_ISSUE_WEIGHTS);
    let firstReporter: { contact: string; name: string; channel: Channel } | null = null;
    for (let index = 0; index < count; index++) {
      const delay = index === 0 ? 0 : Math.min(dice.exponential(meanDelay), maxSpread);
      const again: boolean = firstReporter !== null && dice.chance(0.2);
      const channel = again && dice.chance(0.6) ? firstReporter!.channel : dice.weighted(channels, weights);
      const reporter: { contact: string; name: string; channel: Channel } = again ? firstReporter! : { contact: phoneNumber(dice), name: `${dice.pick(SURNAMES)}${dice.chance(0.5) ? '先生' : '女士'}`, channel };
      firstReporter ??= reporter;
      insertByTime(pending, head, renderReport(dice, issue, channel, clock + delay, reporter, again));
    }

    clock += Math.max(1000, Math.round(dice.exponential(gap)));
    while (head < pending.length && pending[head]!.reportedAt.getTime() <= clock) {
      yield { seq: seq++, ...pending[head++]! };
    }
    // Drop emitted reports in chunks, not one shift() per report (which is linear each time).
    if (head > 4096) {
      pending.splice(0, head);
      head = 0;
    }
  }
}

/** The first `count` reports of a scenario. */
export function takeReports(options: ScenarioOptions, count: number): SyntheticReport[] {
  const reports: SyntheticReport[] = [];
  if (count <= 0) return reports;
  for (const report of streamReports(options)) {
    reports.push(report);
    if (reports.length >= count) break;
  }
  return reports;
}

/** The topic-at-spot combinations with an issue still open, each until when (memory: one entry per open issue). */
class OpenIssues {
  private readonly until = new Map<string, number>();
  private nextSweep = 0;

  static key(topic: Topic, place: Place, spot: string): string {
    return `${topic.key}\u0000${place.name}\u0000${spot}`;
  }

  has(topic: Topic, place: Place, spot: string): boolean {
    return this.until.has(OpenIssues.key(topic, place, spot));
  }

  add(issue: Issue, until: number): void {
    this.until.set(OpenIssues.key(issue.topic, issue.place, issue.spot), until);
  }

  /** Forgets issues resolved before `now` (swept at most hourly, so streaming stays cheap). */
  closeBefore(now: number): void {
    if (now < this.nextSweep) return;
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
    this.nextSweep = now + 3600_000;
  }
}

/** Tries to draw an issue; null when it would be a second open issue of one topic at one spot. */
type IssueDraw = () => Issue | null;

function nextIssue(dice: Dice, key: string, recent: readonly Issue[], open: OpenIssues): Issue {
  const unlessOpen = (issue: Issue) => (open.has(issue.topic, issue.place, issue.spot) ? null : issue);
  const roll = dice.float();
  const draws: IssueDraw[] = [];
  if (recent.length > 0 && roll < 0.12) {
    // Hard negative: another problem at the very same address.
    draws.push(() => {
      const sibling = dice.pick(recent);
      const topic = pickTopic(dice, sibling.place, sibling.topic);
      return unlessOpen({ key, topic, place: sibling.place, spot: sibling.spot, location: jitter(sibling.location, 15, () => dice.float()), textIndex: dice.int(0, topic.texts.length - 1) });
    });
  } else if (recent.length > 0 && roll < 0.22) {
    // Hard negative: the same complaint word for word, somewhere else.
    draws.push(() => {
      const sibling = dice.pick(recent);
      const place = dice.pick(PLACES.filter((candidate) => candidate !== sibling.place && fits(sibling.topic, candidate)));
      return unlessOpen({ key, topic: sibling.topic, place, spot: spotAt(dice, place, sibling.topic), location: jitter(place.location, 150, () => dice.float()), textIndex: sibling.textIndex });
    });
  }
  // Anything else (and the fallback when a hard negative would repeat an open issue): a fresh issue.
  // Same topic at the same estate but another building or gate stays allowed: that is another issue.
  draws.push(() => {
    const place = dice.pick(PLACES);
    const topic = pickTopic(dice, place, null);
    return unlessOpen({ key, topic, place, spot: spotAt(dice, place, topic), location: jitter(place.location, 150, () => dice.float()), textIndex: dice.int(0, topic.texts.length - 1) });
  });
  for (const draw of draws.slice(0, -1)) {
    const issue = draw();
    if (issue) return issue;
  }
  // A fresh draw finds a free spot within a few tries unless the district is saturated (tens of
  // thousands of open issues): then the options asked for the impossible, and say so.
  const fresh = draws.at(-1)!;
  for (let attempt = 0; attempt < 200; attempt++) {
    const issue = fresh();
    if (issue) return issue;
  }
  throw new Error('synthetic scenario saturated: every topic at every spot has an open issue; raise meanIssueGapMs or lower issueOpenMs');
}

function pickTopic(dice: Dice, place: Place, not: Topic | null): Topic {
  const candidates = TOPICS.filter((topic) => topic !== not && fits(topic, place));
  return dice.pick(candidates.length > 0 ? candidates : TOPICS);
}

/** Stairwells and lifts belong to residential buildings. */
function fits(topic: Topic, place: Place): boolean {
  return topic.at === 'outdoor' || place.kind === 'estate';
}

function spotAt(dice: Dice, place: Place, topic: Topic): string {
  switch (place.kind) {
    case 'estate':
      return topic.at === 'building' ? `${dice.int(1, 28)}栋${dice.int(1, 4)}单元` : dice.pick(['东门口', '北门', '南大门外', '小区门口', '中心花园旁', '地下车库入口']);
    case 'road':
      return dice.pick(['与建设大道交叉口', '公交站旁', `${dice.int(1, 300)}号门口`, '人行道上', '辅路']);
    case 'school':
      return dice.pick(['校门口', '东侧围墙外', '对面路口']);
    case 'market':
      return dice.pick(['门口', '南侧通道', '后面的巷子']);
  }
}

function renderReport(
  dice: Dice,
  issue: Issue,
  channel: Channel,
  at: number,
  reporter: { contact: string; name: string },
  again: boolean,
): Omit<SyntheticReport, 'seq'> {
  const { topic, place } = issue;
  // The first report uses the issue's wording; others say it their own way.
  const textIndex = dice.chance(0.35) ? issue.textIndex : dice.int(0, topic.texts.length - 1);
  const fill = (template: string) =>
    template.replaceAll('{place}', place.name).replaceAll('{spot}', issue.spot).replaceAll('{since}', dice.pick(SINCE_PHRASES));
  let text = fill(topic.texts[textIndex]!);
  if (again) text = `${dice.pick(['上次反映的问题还没解决，', '再次反映：', '之前打过电话了，'])}${text}`;
  const reportedAt = new Date(at);
  const followUp = dice.chance(0.4) ? { at: new Date(at + dice.int(2, 72) * 3600_000), reply: fill(topic.reply) } : null;
  return {
    issueKey: issue.key,
    channel,
    reportedAt,
    title: dice.pick(topic.titles),
    text,
    address: `${DISTRICT.city}${DISTRICT.name}${place.street}${place.name}${dice.chance(0.7) ? issue.spot : ''}`,
    placeName: place.name,
    spot: issue.spot,
    street: place.street,
    community: place.community,
    location: jitter(issue.location, 30, () => dice.float()),
    contact: reporter.contact,
    reporterName: reporter.name,
    topicKey: topic.key,
    categoryCode: topic.categoryCode,
    intakeMode: intakeModeOf(dice, channel),
    sameReporterAgain: again,
    followUp,
  };
}

function intakeModeOf(dice: Dice, channel: Channel): IntakeMode {
  switch (channel) {
    case 'HOTLINE':
    case 'MESSAGE_BOARD':
    case 'OPEN311':
      return 'ONLINE';
    case 'URBAN_MANAGEMENT':
      return 'GRID_PATROL';
    case 'GRID':
      return dice.weighted(['GRID_PATROL', 'HOME_VISIT', 'FORUM'] as const, [6, 3, 1]);
  }
}

function phoneNumber(dice: Dice): string {
  return `1${dice.pick(['3', '5', '7', '8', '9'])}${String(dice.int(0, 999_999_999)).padStart(9, '0')}`;
}

function insertByTime(pending: Omit<SyntheticReport, 'seq'>[], head: number, report: Omit<SyntheticReport, 'seq'>): void {
  const time = report.reportedAt.getTime();
  let low = head;
  let high = pending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (pending[middle]!.reportedAt.getTime() <= time) low = middle + 1;
    else high = middle;
  }
  pending.splice(low, 0, report);
}
