import { streamReports, type SyntheticReport } from '@huying/synthetic';

/**
 * A city big enough for a million reports. The simulator's district (22 places) is copied into a
 * 20 × 20 grid of districts 8 km apart, each with its own names (青山百步亭花园, 金湖解放大道 …), so a
 * place key or grid cell holds what a busy estate holds in a real city, not a 22nd of a million.
 * Each district keeps the simulator's duplicate structure (reposts, several channels, the same
 * person again) at a fixed density, so a longer run covers more days, not more crowded places.
 */
const NAME_FIRST = [...'青云金银玉龙凤春秋松竹梅兰菊桃李杏柳枫桂'];
const NAME_SECOND = [...'山湖河溪岭泉林苑园港湾洲坪塘岗桥冲源坝滩'];
export const DISTRICTS = NAME_FIRST.length * NAME_SECOND.length;
const DAY_MS = 86_400_000;
/** Reports per district per day: a million over the 400 districts fill 60 days. */
export const REPORTS_PER_DISTRICT_DAY = 1_000_000 / DISTRICTS / 60;
const REPORTS_PER_ISSUE_MEAN = 1.8;
/** Mean gap between new issues in one district at that density. */
export const ISSUE_GAP_MS = DAY_MS / (REPORTS_PER_DISTRICT_DAY / REPORTS_PER_ISSUE_MEAN);

export interface CityReport {
  channel: string;
  sourceId: string;
  receivedAt: string;
  title: string;
  text: string;
  address: string;
  location: { lng: number; lat: number } | null;
  contact: string;
}

/** One synthetic report moved into district `district` (shifted in space, its names prefixed). */
export function inDistrict(report: SyntheticReport, district: number, now: number): CityReport {
  const prefix = `${NAME_FIRST[Math.floor(district / NAME_SECOND.length)]}${NAME_SECOND[district % NAME_SECOND.length]}`;
  const rename = (text: string) => text.split(report.placeName).join(`${prefix}${report.placeName}`).split('江岸区').join(`${prefix}区`);
  const row = Math.floor(district / 20);
  const column = district % 20;
  // Inspectors and grid workers carry GPS; callers and posters give an address only.
  const located = report.channel === 'URBAN_MANAGEMENT' || report.channel === 'GRID';
  return {
    channel: report.channel,
    sourceId: `scale-${district}-${report.seq}`,
    receivedAt: new Date(Math.min(report.reportedAt.getTime(), now)).toISOString(),
    title: report.title,
    text: rename(report.text),
    address: rename(report.address),
    location: located ? { lng: report.location.lng + column * 0.08, lat: report.location.lat + row * 0.08 } : null,
    contact: report.contact,
  };
}

/** District `district`'s stream of reports from `start` on (the same seed gives the same stream). */
export function districtStream(district: number, start: Date): Generator<SyntheticReport> {
  return streamReports({ seed: 1000 + district, start, meanIssueGapMs: ISSUE_GAP_MS });
}

/**
 * `total` reports of the whole city in the order they arrive, starting `start`: the 400 district
 * streams merged by time, each with its gold issue key (district and the simulator's issue).
 */
export function* cityReports(total: number, start: Date): Generator<{ input: CityReport; gold: string }> {
  const streams = Array.from({ length: DISTRICTS }, (_, district) => districtStream(district, start));
  const heads = streams.map((stream) => stream.next().value as SyntheticReport);
  const end = Number.MAX_SAFE_INTEGER;
  for (let taken = 0; taken < total; taken++) {
    let earliest = 0;
    for (let district = 1; district < DISTRICTS; district++) {
      if (heads[district]!.reportedAt.getTime() < heads[earliest]!.reportedAt.getTime()) earliest = district;
    }
    const report = heads[earliest]!;
    yield { input: inDistrict(report, earliest, end), gold: `${earliest}:${report.issueKey}` };
    heads[earliest] = streams[earliest]!.next().value as SyntheticReport;
  }
}
