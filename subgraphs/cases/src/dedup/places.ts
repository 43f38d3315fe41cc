import { wordTag, words } from './segmenter';

/**
 * Places named in a complaint's text and address, normalised so two reports that name the same
 * place produce the same key. Most message-board posts carry no coordinates, so this is how the
 * filter knows "same place" for them. Kinds:
 *  - city / district / township: administrative areas; too large to prove "same place", but two different
 *    ones prove "different place" (the same subsidy asked about in B市 and in C市 is two issues);
 *  - road (with house number when given), estate (小区/花园/苑…), school, company, water body: specific
 *    places that can stand for "same place".
 */
export type PlaceKind = 'city' | 'district' | 'township' | 'road' | 'estate' | 'school' | 'company' | 'water' | 'spot';

export interface PlaceMention {
  kind: PlaceKind;
  /** Normalised name: `解放大道1234号`, `幸福小区`, `A2区`. */
  name: string;
}

/** Kinds that locate a problem closely enough to be a candidate key and a "same place" proof. */
export const SPECIFIC_PLACE_KINDS: readonly PlaceKind[] = ['road', 'estate', 'school', 'company', 'water'];

interface PlaceSuffix {
  kind: PlaceKind;
  /** The suffix, with what may not come before it and what may not follow it. */
  pattern: RegExp;
}

// Longest suffixes first within a kind, so 幼儿园 wins over 园 and 大道 over 道.
const SCHOOL_SUFFIXES = '幼儿园|小学|中学|大学|学院|学校';
const COMPANY_SUFFIXES = '有限责任公司|股份有限公司|有限公司|集团|公司|工厂|厂';
// Compounds and public facilities (a market, a park, a hospital) are places of the same standing.
const ESTATE_SUFFIXES = '小区|花园|家园|公寓|新村|新城|山庄|名苑|华庭|国际|广场|大厦|农贸市场|菜市场|市场|菜场|商场|超市|公园|医院|车站|苑|(?<!政)府|城';

const SUFFIXES: PlaceSuffix[] = [
  { kind: 'city', pattern: /(市)(?![场民政委区级长里内中心县辖属直管面价值容监领])/gu },
  { kind: 'district', pattern: /(?<![小社园片景城市辖校街厂营矿本该全分库院])(新区|自治县|区|县)(?![域内外长级委政城里])/gu },
  { kind: 'township', pattern: /(街道办事处|街道办|街道|镇|乡)(?![长政府里上下村])/gu },
  { kind: 'school', pattern: new RegExp(`(${SCHOOL_SUFFIXES})`, 'gu') },
  { kind: 'company', pattern: new RegExp(`(${COMPANY_SUFFIXES})(?![房区家里长])`, 'gu') },
  { kind: 'estate', pattern: new RegExp(`(${ESTATE_SUFFIXES})(?![市管区里内外乡镇舞])`, 'gu') },
  { kind: 'road', pattern: /(大道|大街|路|街|巷|弄)(?![灯面边段上旁口况线过由费人道子])(\d+号)?/gu },
  { kind: 'water', pattern: /(内河|河|湖|溪|渠|浦|塘)(?![边岸堤道里面长])/gu },
];

/** How far back from its suffix a place name may start. */
const STEM_WINDOW = 10;
const STEM_CHAR = /[\u4e00-\u9fa5A-Za-z0-9]/u;
/** An estate is often written both ways: 万科魅力之城 and 万科魅力之城小区 name one place. */
const ESTATE_TAIL = /(?<=(?:城|苑|园|府|庭|村|居|湾|郡|寓|厦|庄|国际|广场))小区$/u;

/** A phase of one estate (一期, 二期, 3期) belongs to it: residents name the estate with or without it. */
const PHASE = /(?<=..)[一二三四五六七八九十\d]+期$/u;

function stemBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < STEM_WINDOW && STEM_CHAR.test(text[start - 1]!)) start -= 1;
  return trimName(text.slice(start, end));
}

/**
 * Where a place name cannot start: a name begins after the last of these (a verb, a preposition,
 * an administrative prefix). Longest first.
 */
const NAME_BREAKERS = [
  '街道办事处', '办事处', '街道', '附近的', '旁边的', '对面的', '位于', '地处', '反映', '投诉', '举报', '请问', '关于',
  '我们', '我家', '住在', '门口', '附近', '旁边', '对面', '这个', '那个', '省', '市', '区', '县', '镇', '乡', '村',
  '在', '的', '是', '了', '和', '与', '及', '到', '从', '向', '给', '对', '把', '被', '我', '你', '他', '她', '该', '请',
  '这', '那', '有', '无', '里', '内', '外', '号', '栋', '楼', '单元', '幢', '路', '街', '道', '巷', '弄', '小区',
];

/** Common words that end like a place but are not one (马路, 道路, 城市, 社区医院 …). */
const NOT_A_PLACE = new Set([
  '马路', '道路', '公路', '铁路', '线路', '出路', '网路', '电路', '水路', '走路', '一路', '沿路', '过路', '修路', '上路',
  '大街', '小街', '上街', '逛街', '城', '县城', '进城', '满城', '全城', '城区', '长江', '社区', '本社区', '该社区',
  '本小区', '该小区', '小区', '我小区', '本区', '该区', '辖区', '城区', '市区', '片区', '园区', '景区', '校区', '街区',
  '厂区', '新区', '地区', '全区', '全县', '本县', '该县', '政府', '公司', '该公司', '本公司', '物业公司', '开发商公司',
  '学校', '该学校', '本学校', '大学', '小学', '中学', '河', '河道', '河水', '湖', '江', '镇', '乡', '街道', '广场',
  '大厦', '花园', '公寓', '该镇', '本镇', '全镇', '乡镇', '城乡', '城镇', '村镇', '府', '政府', '市政府', '区政府',
  // Every estate has one: a spot inside a place, not an estate of its own.
  '中心花园',
  // Words that end in 市 and name no city.
  '城市', '超市', '门市', '菜市', '夜市', '上市', '股市', '楼市', '都市', '闹市', '黑市', '集市', '本市', '该市', '全市',
  '我市', '此市', '各市', '省市', '县市', '市', '早市', '花市', '灯市', '车市', '大都市',
]);

/**
 * Stems that point at a place or count places rather than name one: 这个河, 该小区, 附近小区, 周边小区,
 * 各小区, 我们小区, 三家幼儿园, 多个小区, 怡美嘉园等小区.
 */
const NOT_A_NAME = /^[这那该本此其各每]|[这那该本此各每我们等]$|[一二两三四五六七八九十几多每各某][个家所座些]$|(附近|周边|旁边|对面|沿岸|上游|下游)$/u;

/**
 * A road's name holds no negation and does not end in a verb or a measure word: 看不清路, 摆摊堵路 and
 * 占了半条路 describe the road, they do not name it. Nor is a word that ends in 路 without being a road's name
 * one: 道路, 线路, 修路, 马路, 出路, 思路, 套路, 网路, 电路, 让路, 带路, 领路, 迷路 (一条精准扶贫道路, 要致富的修路,
 * 公交线路 name no road; 醴官公路 and 石长铁路 do).
 */
const NOT_A_ROAD_STEM = /[不没]|[条堵占挡走绕拦封道线修马出思套网电让带领迷]$/u;

/** Breakers that always end what comes before them (an administrative unit or an address part). */
const HARD_BREAKERS = new Set(['省', '市', '区', '县', '镇', '乡', '村', '号', '栋', '楼', '路', '街', '道', '巷', '弄', '街道', '小区', '办事处', '街道办事处']);

const ADMIN_UNITS = new Set(['省', '市', '区', '县', '镇', '乡', '街道', '办事处', '街道办事处']);

function trimName(raw: string): string {
  let name = raw;
  let cut = true;
  while (cut) {
    cut = false;
    for (const breaker of NAME_BREAKERS) {
      const at = name.lastIndexOf(breaker);
      // A grammar word cut must leave a name of two characters at least: 和平小区 is not 平小区.
      const left = name.length - (at + breaker.length);
      // After an administrative unit nothing is left of a name: 江岸区 + 车站 is no place called 江岸区车站.
      const cuttable = left >= 2 || (left >= 1 && HARD_BREAKERS.has(breaker)) || (left === 0 && ADMIN_UNITS.has(breaker));
      if (at >= 0 && cuttable && name !== breaker) {
        name = name.slice(at + breaker.length);
        cut = true;
      }
    }
  }
  return name.replace(/^\d+/, '');
}

/**
 * Names every county and city gives one of its own (人民医院, 中医院, 实验小学, 第一中学, 火车站): they name a place
 * only with the area written before them, and F5县人民医院 and M5市人民医院 are two hospitals.
 */
const AREA_OWN_STEM = /^(第[一二三四五六七八九十\d]+)?(人民|中医|中心|妇幼保健|中西医结合|儿童|实验|第[一二三四五六七八九十\d]+|火车|汽车|高铁|客运|教师进修)$/u;

/** A stem that says what kind of hospital, school or company, not which (公立医院, 民办学校, 国有公司). */
const KIND_NOT_NAME = /(公立|私立|公办|民办|民营|私营|国有|国营|下属|三甲|二甲|定点|各级|大型|小型|正规|重点|乡镇|农村|当地|配套)$/u;

/** The area written right before a name (F5县, M5市, 长沙市 in …长沙市人民医院), as extractPlaces names it. */
function areaBefore(text: string, end: number): string | null {
  // 长沙市的人民医院 is 长沙市人民医院
  const area = /([\u4e00-\u9fa5A-Za-z0-9]{1,8})(市|县|区)的?$/u.exec(text.slice(Math.max(0, end - STEM_WINDOW - 1), end));
  if (!area) return null;
  return area[2] === '市' ? cityName(area[1]!) : districtName(area[1]!, area[2]!);
}

/** The generic word for a city's inland rivers: 龙津内河 is 龙津河, 瀛洲河内河 is 瀛洲河. */
const INLAND = '内河';

/**
 * A river's or lake's own name: the last word before its suffix (跃进 in 进行跃进河, 瀛洲 in
 * 新港苑后面瀛洲河), so that a river named in passing and named alone agree. A stem whose last word is
 * grammar or a complaint's verb (反映内河, 直排河, 沿河) names no water.
 */
function waterName(stem: string, suffix: string): string | null {
  const river = suffix === INLAND ? '河' : suffix;
  const bare = stem.endsWith('河') && suffix === INLAND ? stem.slice(0, -1) : stem;
  // A name starts after a measure (有一条龙津河): cut there first, or the segmenter reads 一条龙 and 津.
  const tokens = words(bare.replace(MEASURED, ''));
  const last = tokens[tokens.length - 1] ?? '';
  // One letter names a lake or a great river (西湖, 闽江); before 河 it is mostly a verb's tail.
  if ([...last].length < (river === '河' ? 2 : 1) || NOT_A_WATER_STEM.has(last) || /[的了在是有]$/u.test(last)) return null;
  // A pronoun, a time, a conjunction, a number… before 河 is grammar (这次河, 去年河, 由于河, 两条河), never a name.
  if (GRAMMAR_TAGS.test(wordTag(last))) return null;
  // What is done to the inland rivers (临近内河, 改善内河) names none; nor does a river's system (龙津河系内河).
  if ((suffix === INLAND && /^v/u.test(wordTag(last))) || last.includes('河')) return null;
  return `${last}${river}`;
}

/** Everything up to a number or pointer and its measure for a river or road (一条, 这条, 两段). */
const MEASURED = /^.*[一两几这那每整该此][条段]/u;

/**
 * A district's or county's own name: a code as the open data writes it (A3区, K6县), else its last word
 * or two (仓山 in 夏天邻近福州仓山区, 东西湖). A stem ending in grammar (管理由县) or in a kind of area every
 * town has (居民区, 生活区, 施工区) names none: two of those are no proof of two places.
 */
function districtName(stem: string, suffix: string): string | null {
  const code = /[A-Z]\d{0,2}$/.exec(stem);
  if (code) return `${code[0]}${suffix}`;
  const tokens = words(stem);
  const last = tokens[tokens.length - 1] ?? '';
  if (!/^[\u4e00-\u9fa5]+$/u.test(last) || GRAMMAR_TAGS.test(wordTag(last)) || KINDS_OF_AREA.has(last)) return null;
  // One letter is a name's tail the segmenter cut off (东西 + 湖): the word before belongs to it.
  const name = [...last].length >= 2 ? last : `${tokens[tokens.length - 2] ?? ''}${last}`;
  if ([...name].length < 2 || KINDS_OF_AREA.has(name)) return null;
  return `${name}${suffix}`;
}

/** What comes before 区 in a kind of area, not a district's name. */
const KINDS_OF_AREA = new Set([
  '居民', '住宅', '居住', '生活', '商业', '商务', '工业', '办公', '施工', '作业', '生产', '仓储', '物流', '风景', '旅游',
  '游览', '度假', '休闲', '娱乐', '保护', '服务', '示范', '试验', '实验', '老城', '主城', '中心城', '核心', '功能', '别墅',
  '棚户', '安置', '拆迁', '家属', '宿舍', '教学', '停车', '候车', '养殖', '农业', '禁养', '限养', '禁止', '郊', '山', '灾',
  '禁', '学', '城', '行政', '农村', '城乡', '城中', '老', '新', '整个', '周边', '附近', '偏远', '贫困', '管理', '监管',
]);

/**
 * Parts of speech (jieba's tags) that never name a river: pronouns, times, directions, prepositions,
 * conjunctions, adverbs, numbers and measures, idioms, verbal nouns. Verbs stay: 跃进河 is a river.
 */
const GRAMMAR_TAGS = /^(r|t|f|p|c|d|m|q|mq|b|zg|i|l|vn|an|j|u.*|y|e|o|k)$/u;

/**
 * A city's own name: a code as the open data writes it (A市, B9市), else the last word before 市 when it is a
 * name of two letters or more (长沙 in 在长沙市); 的超市 and 全市 name none.
 */
function cityName(stem: string): string | null {
  const code = /[A-Z]\d{0,2}$/.exec(stem);
  if (code) return `${code[0]}市`;
  // 文明城市, 模范城市, 国际大都市: a kind of city, not one (盐城市 and 成都市 read as one word each).
  if (/^(城市|都市)$/u.test(words(`${stem}市`).at(-1) ?? '')) return null;
  const tokens = words(stem);
  const last = tokens[tokens.length - 1] ?? '';
  if ([...last].length < 2 || !/^[\u4e00-\u9fa5]+$/u.test(last) || GRAMMAR_TAGS.test(wordTag(last)) || NOT_A_PLACE.has(`${last}市`)) return null;
  return `${last}市`;
}

/** Words that end a stem before 河 without naming one: what is done to or said about a river. */
const NOT_A_WATER_STEM = new Set(['反映', '进行', '整治', '治理', '直排', '沿河', '这条', '那条', '一条', '条死', '内河', '周边', '附近', '旁边', '对面', '门口', '整条', '臭水', '污水']);

/** Full-width digits and letters to ASCII, no spaces, so ３号 and 3号 agree. */
export function normaliseForPlaces(text: string): string {
  // A line break ends a name (address, title and text are joined by lines); other spaces are typing noise.
  return text.normalize('NFKC').replace(/[\r\n]+/g, '，').replace(/\s+/g, '');
}

/** Every place named in the text, each (kind, name) once. */
export function extractPlaces(text: string): PlaceMention[] {
  const normalised = normaliseForPlaces(text);
  // `bare`: a name every area has (人民医院), written without its area.
  const found = new Map<string, PlaceMention & { start: number; end: number; bare?: boolean }>();
  for (const { kind, pattern } of SUFFIXES) {
    for (const match of normalised.matchAll(pattern)) {
      const suffixStart = match.index ?? 0;
      const stem = stemBefore(normalised, suffixStart);
      const suffix = match[1] ?? '';
      // A one-character stem names something only with a code (A2区) or as water (闽江, 西湖).
      if (stem.length === 0 || (stem.length === 1 && !/[A-Z0-9]/.test(stem) && kind !== 'water')) continue;
      let name = `${stem}${suffix}`;
      if (NOT_A_PLACE.has(name) || NOT_A_PLACE.has(stem) || NOT_A_NAME.test(stem)) continue;
      if (kind === 'road' && NOT_A_ROAD_STEM.test(stem)) continue;
      if ((kind === 'estate' || kind === 'school' || kind === 'company') && KIND_NOT_NAME.test(stem)) continue;
      const areaOwn = (kind === 'estate' || kind === 'school') && AREA_OWN_STEM.test(stem);
      const area = areaOwn ? areaBefore(normalised, suffixStart - stem.length) : null;
      if (area) name = `${area}${name}`;
      if (kind === 'estate') name = name.replace(ESTATE_TAIL, '');
      if (kind === 'estate' || kind === 'school' || kind === 'company') name = name.replace(PHASE, '');
      if (kind === 'road' && match[2]) name = `${name}${match[2]}`;
      if (kind === 'city') {
        const city = cityName(stem);
        if (!city) continue;
        name = city;
      }
      if (kind === 'district') {
        const district = districtName(stem, suffix);
        if (!district) continue;
        name = district;
      }
      if (kind === 'water') {
        const river = waterName(stem, suffix);
        if (!river) continue;
        name = river;
      }
      const key = `${kind}:${name}`;
      const start = suffixStart - stem.length;
      const end = suffixStart + match[0].length;
      if (!found.has(key)) found.set(key, { kind, name, start, end, bare: areaOwn && !area });
    }
  }
  // A spot inside a place: a building (3栋, 5号楼), a side or gate (东门, 西侧), a crossing (交叉口, 路口 and
  // 十字路口 are one word), or a part every place has (门口, 车库). Only buildings and sides tell two spots apart.
  for (const match of normalised.matchAll(/(\d+)(?:栋|幢|号楼)|([东南西北])(?:门|侧|大门)|(?:十字|丁字)?(交叉口|路口)|(门口|巷子|车库|围墙|停车场|中心花园|后门|对面)/gu)) {
    const name = match[1] ? `${match[1]}栋` : match[2] ? `${match[2]}侧` : match[3] ? '路口' : match[4]!;
    const start = match.index ?? 0;
    if (!found.has(`spot:${name}`)) found.set(`spot:${name}`, { kind: 'spot', name, start, end: start + match[0].length });
  }
  // Once a report has named M5市人民医院, its 人民医院 later on is the same one.
  for (const [key, bare] of found) {
    if (bare.bare && [...found.values()].some((named) => named.kind === bare.kind && named.name !== bare.name && named.name.endsWith(bare.name))) found.delete(key);
  }
  const mentions = [...found.values()];
  // 西湖 inside 西湖小学 is the school, not a lake; 幸福 in 幸福小区 is no district.
  return mentions
    .filter(
      (inner) =>
        !mentions.some(
          (outer) =>
            outer !== inner &&
            outer.start <= inner.start &&
            outer.end >= inner.end &&
            outer.end - outer.start > inner.end - inner.start &&
            inner.kind !== 'city' &&
            inner.kind !== 'district' &&
            inner.kind !== 'township' &&
            inner.kind !== 'spot',
        ),
    )
    .map(({ kind, name }) => ({ kind, name }));
}

export type PlaceAgreement = 'SAME' | 'NEAR' | 'DIFFERENT' | 'UNKNOWN';

/** The suffix a named estate, school or company ends in, to see what stands before it. */
const NAMED_SUFFIX: Partial<Record<PlaceKind, RegExp>> = {
  school: new RegExp(`(${SCHOOL_SUFFIXES})$`, 'u'),
  company: new RegExp(`(${COMPANY_SUFFIXES})$`, 'u'),
  estate: new RegExp(`(${ESTATE_SUFFIXES})$`, 'u'),
};

/**
 * What a company does, not which one it is: every town has its 自来水公司, 快递公司 and 公交公司, so two
 * reports naming one are no proof of one place (停水 in one town and a burst pipe in another).
 */
const KIND_OF_COMPANY = /^(快递|物流|自来水|供水|水务|污水处理|燃气|天然气|煤气|供电|电力|电网|公交|客运|出租车|物业|物业管理|房地产|地产|置业|开发|建筑|建设|施工|装修|保险|银行|通信|移动|联通|电信|有线电视|广电|水泥|环卫|保安|家政|中介|投资|发展|管理|服务|科技)+$/u;

/**
 * Whether a named place can tell two reports' places apart or together. A name every county gives one of
 * its own, written without its county (人民医院, 实验学校, 中心小学), could be any county's; a kind of company
 * (KIND_OF_COMPANY), of school (KIND_OF_SCHOOL) or of estate (居民小区, 安置小区), and a stem that is grammar (现在学校, 整个小区, 别的学校)
 * name none. They still file a report under their keys; they only prove nothing.
 */
export function namesOnePlace(place: PlaceMention): boolean {
  const key = `${place.kind}:${place.name}`;
  let names = namesOnePlaceOf.get(key);
  if (names === undefined) {
    // every candidate's places are weighed for every report: each name is read once, not once a comparison
    if (namesOnePlaceOf.size >= NAMES_REMEMBERED) namesOnePlaceOf.clear();
    namesOnePlaceOf.set(key, (names = readsAsOnePlace(place)));
  }
  return names;
}

const NAMES_REMEMBERED = 50_000;
const namesOnePlaceOf = new Map<string, boolean>();

/**
 * What a school teaches, not which one it is (进修学校, 职业学校, 技工学校): a report's 进修学校 may be the county's
 * 教师进修学校 or a private 华荣进修学校, and names neither.
 */
const KIND_OF_SCHOOL = /^(进修|职业|职业技术|技工|技术|培训|成人|艺术|体育|外国语|特殊教育|特教|师范|卫生|护士|驾驶)+$/u;

function readsAsOnePlace(place: PlaceMention): boolean {
  const suffix = NAMED_SUFFIX[place.kind]?.exec(place.name);
  if (!suffix) return true;
  const stem = place.name.slice(0, suffix.index);
  // the suffix alone is the name the extractor kept (新村)
  if (!stem) return true;
  if (AREA_OWN_STEM.test(stem) || KINDS_OF_AREA.has(stem)) return false;
  if (place.kind === 'company' && KIND_OF_COMPANY.test(stem)) return false;
  if (place.kind === 'school' && KIND_OF_SCHOOL.test(stem)) return false;
  return !words(stem).every((token) => NO_NAME_TAGS.test(wordTag(token)) || NO_NAME_WORDS.has(token) || KINDS_OF_AREA.has(token));
}

/**
 * Parts of speech (jieba's tags) a name is never made of alone: pronouns, conjunctions, prepositions and
 * particles (别的, 由于, 的). Times and directions are tagged so too, but name places as often (春天花园,
 * 现代城, 南方医院, 东部新城): those that never do are NO_NAME_WORDS. Numbers (七一中学) and idioms (花好月圆) name places.
 */
const NO_NAME_TAGS = /^(r|c|p|u.*)$/u;

/** Times, directions and adverbs that stand before a place's kind in a sentence, never in its name (现在学校, 整个小区, 里的小学). */
const NO_NAME_WORDS = new Set([
  '现在', '目前', '当时', '当', '以前', '之前', '以后', '之后', '今年', '去年', '明年', '今天', '昨天', '暑假', '寒假', '平时',
  '附近', '周边', '周围', '旁边', '里面', '里', '内', '外', '上', '下', '整个', '所有', '全部', '一直', '还', '也', '都', '就',
]);

/** Spots that tell two places apart (a building, a gate or side); a crossing or a 门口 is part of any place. */
const DISTINCT_SPOT = /^(\d+栋|[东南西北]侧)$/u;

/**
 * One place under two names: equal, or one the tail of the other (伊景园滨河苑 and 滨河苑, 万科魅力之城 and
 * 魅力之城), the tail long enough to be a name of its own.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.endsWith(short);
}

const roadOf = (name: string) => name.replace(/\d+号$/, '');
const numberOf = (name: string) => /(\d+)号$/.exec(name)?.[1] ?? null;

/**
 * Whether two sets of named places agree. SAME: a specific place in common (and no contradiction);
 * NEAR: the same road without matching numbers; DIFFERENT: both name a place of the same kind and
 * none of those match (two estates, two schools, two house numbers, two districts); UNKNOWN otherwise.
 */
export function placeAgreement(allOfA: readonly PlaceMention[], allOfB: readonly PlaceMention[]): PlaceAgreement {
  const a = allOfA.filter(namesOnePlace);
  const b = allOfB.filter(namesOnePlace);
  let shared = false;
  let sharedWater = false;
  let sharedRoadOnly = false;
  let sharedListed = false;
  // Two districts, or two rivers, are two places whatever else agrees; two estates or roads are, unless
  // one river is named by both: people write from their own estate about the river that runs past it.
  let apart = false;
  let apartAlongside = false;
  for (const kind of ['city', 'district', 'township', 'estate', 'school', 'company', 'water', 'spot'] as const) {
    const left = a.filter((place) => place.kind === kind && (kind !== 'spot' || DISTINCT_SPOT.test(place.name))).map((place) => place.name);
    const right = b.filter((place) => place.kind === kind && (kind !== 'spot' || DISTINCT_SPOT.test(place.name))).map((place) => place.name);
    if (!left.length || !right.length) continue;
    const common = left.some((name) => right.some((other) => (kind === 'spot' || kind === 'city' ? name === other : sameName(name, other))));
    // A river is kilometres long: sharing one is "near" (like a road without a number), not the same spot.
    if (common && kind === 'water') sharedWater = true;
    // One estate among the many a bus route or a school district passes is where the report is no more than near.
    else if (common && (kind === 'estate' || kind === 'school' || kind === 'company') && (isList(left) || isList(right))) sharedListed = true;
    else if (common && kind !== 'city' && kind !== 'district' && kind !== 'township' && kind !== 'spot') shared = true;
    if (!common && (kind === 'city' || kind === 'district' || kind === 'township' || kind === 'water')) apart = true;
    else if (!common) apartAlongside = true;
  }
  const roadsA = a.filter((place) => place.kind === 'road');
  const roadsB = b.filter((place) => place.kind === 'road');
  if (roadsA.length && roadsB.length) {
    const commonRoads = roadsA.filter((left) => roadsB.some((right) => roadOf(right.name) === roadOf(left.name)));
    if (!commonRoads.length) {
      // Two roads may cross or meet; only an estate/school elsewhere can settle it, so this alone is no proof.
      if (!shared) apartAlongside ||= roadsA.length === 1 && roadsB.length === 1 && !a.some((p) => p.kind !== 'road' && p.kind !== 'district' && p.kind !== 'township');
    } else {
      const numbered = commonRoads.some((left) => {
        const right = roadsB.find((place) => roadOf(place.name) === roadOf(left.name))!;
        const [n1, n2] = [numberOf(left.name), numberOf(right.name)];
        if (n1 && n2 && n1 !== n2) {
          apartAlongside = true;
          return false;
        }
        return Boolean(n1 && n2);
      });
      // Two roads in common name their crossing: one spot, as a house number is.
      const crossing = new Set(commonRoads.map((road) => roadOf(road.name))).size >= 2;
      if (numbered || crossing) shared = true;
      else sharedRoadOnly = true;
    }
  }
  if (apart || (apartAlongside && !sharedWater)) return 'DIFFERENT';
  if (shared && !apartAlongside) return 'SAME';
  if (sharedRoadOnly || sharedWater || sharedListed) return 'NEAR';
  return 'UNKNOWN';
}

/** Places of one kind a report names at least this many of (one name written several ways counts once) are a list. */
const LISTED_PLACES = 4;

function isList(names: readonly string[]): boolean {
  const distinct: string[] = [];
  for (const name of names) if (!distinct.some((other) => sameName(name, other))) distinct.push(name);
  return distinct.length >= LISTED_PLACES;
}

/** Whether two sets of places name one spot on a road: the same house number, or the same crossing. */
export function sharedRoadSpot(a: readonly PlaceMention[], b: readonly PlaceMention[]): boolean {
  const right = new Set(b.filter((place) => place.kind === 'road').map((place) => place.name));
  const common = a.filter((place) => place.kind === 'road' && right.has(place.name));
  return common.some((place) => numberOf(place.name) !== null) || new Set(common.map((place) => roadOf(place.name))).size >= 2;
}

/**
 * The keys a report is filed under for candidate lookup: its specific places (a road without its
 * number), each under its tails of three to five letters, so that 伊景园滨河苑 and 滨河苑 find each other.
 */
export function placeKeys(places: readonly PlaceMention[]): string[] {
  const keys = new Set<string>();
  for (const place of places) {
    if (!SPECIFIC_PLACE_KINDS.includes(place.kind)) continue;
    // A name as extracted may carry words before it (近期发现梅峰河, 万科金域华府旁跃进河): its tails of
    // three to five letters meet the same name written clean.
    const letters = [...roadOf(place.name)];
    for (let length = Math.min(letters.length, TAIL_LETTERS.max); length >= TAIL_LETTERS.min; length -= 1) {
      keys.add(`${place.kind}:${letters.slice(letters.length - length).join('')}`);
    }
  }
  return [...keys];
}

/** The lengths of a name's tails it is filed under. */
const TAIL_LETTERS = { min: 3, max: 5 } as const;
