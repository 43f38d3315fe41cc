/**
 * The category tree, modelled on the 12345 hotline's 诉求分类 and the 数字城管 事件/部件 大类-小类 codes
 * (GB/T 30428). Codes are two digits per level so a prefix names the branch. `keywords` give the
 * text classifier (and a city editing this table) a starting point; they are not exhaustive.
 */
export interface Category {
  code: string;
  name: string;
  parentCode: string | null;
  keywords: readonly string[];
}

type Branch = [code: string, name: string, children: [code: string, name: string, keywords: string[]][]];

const TREE: Branch[] = [
  ['01', '市容环境', [
    ['0101', '暴露垃圾', ['垃圾', '堆放', '清运', '垃圾桶', '异味']],
    ['0102', '占道经营', ['占道经营', '摆摊', '流动摊贩', '小贩', '夜市']],
    ['0103', '乱张贴乱涂写', ['小广告', '乱张贴', '涂鸦', '牛皮癣']],
    ['0104', '违章搭建', ['违建', '违章搭建', '私搭乱建', '搭棚']],
    ['0105', '绿化养护', ['树木', '绿化', '草坪', '树枝', '修剪', '倒伏']],
  ]],
  ['02', '市政设施', [
    ['0201', '道路破损', ['坑洼', '路面', '破损', '塌陷', '坑']],
    ['0202', '井盖', ['井盖', '窨井', '雨水井', '下水道口']],
    ['0203', '路灯', ['路灯', '灯不亮', '照明']],
    ['0204', '排水', ['积水', '排水', '下水道', '堵塞', '内涝', '污水外溢']],
    ['0205', '交通设施', ['红绿灯', '信号灯', '护栏', '标志牌', '斑马线']],
  ]],
  ['03', '供水供电供气', [
    ['0301', '供水', ['停水', '水压', '自来水', '爆管', '水管', '漏水']],
    ['0302', '供电', ['停电', '电压', '电线', '电箱']],
    ['0303', '燃气', ['燃气', '煤气', '天然气', '燃气泄漏']],
    ['0304', '供暖', ['暖气', '供暖', '不热']],
  ]],
  ['04', '环境保护', [
    ['0401', '噪音扰民', ['噪音', '扰民', '施工噪音', '广场舞', '吵']],
    ['0402', '大气污染', ['油烟', '烟尘', '扬尘', '焚烧', '臭味', '废气']],
    ['0403', '水体污染', ['河道', '黑臭', '污水', '排污', '河水', '水体']],
  ]],
  ['05', '住房物业', [
    ['0501', '物业管理', ['物业', '物业费', '电梯', '楼道', '楼道灯', '门禁']],
    ['0502', '房屋安全', ['漏雨', '墙体', '裂缝', '危房', '渗水']],
    ['0503', '老旧小区改造', ['老旧小区', '改造', '加装电梯']],
  ]],
  ['06', '交通出行', [
    ['0601', '违章停车', ['乱停', '停车', '占用车位', '堵门']],
    ['0602', '公共交通', ['公交', '地铁', '站台', '班次']],
  ]],
  ['07', '社会治安与安全', [
    ['0701', '消防安全', ['火情', '着火', '消防通道', '失火', '冒烟']],
    ['0702', '治安', ['打架', '盗窃', '诈骗', '治安']],
  ]],
  ['08', '教育卫生', [
    ['0801', '教育', ['学校', '入学', '学位', '幼儿园', '补课', '转学']],
    ['0802', '医疗卫生', ['医院', '诊所', '疫苗', '卫生']],
  ]],
  ['09', '劳动社保', [
    ['0901', '欠薪', ['欠薪', '拖欠工资', '工资', '讨薪']],
    ['0902', '社保', ['社保', '医保', '养老金', '退休']],
  ]],
  ['10', '邻里纠纷', [
    ['1001', '邻里矛盾', ['邻居', '纠纷', '矛盾', '吵架', '楼上']],
  ]],
  // 商贸旅游 in the 12345 classifications (泰迪杯 附件1): the market regulator's and the tourism office's share.
  ['11', '市场与旅游', [
    ['1101', '市场监管与消费', ['虚假宣传', '假货', '退款', '消费者', '售后', '价格欺诈', '缺斤少两', '霸王条款']],
    ['1102', '旅游景区', ['景区', '门票', '旅行社', '导游']],
  ]],
  ['99', '其他', [
    ['9901', '其他诉求', []],
  ]],
];

export const CATEGORIES: readonly Category[] = TREE.flatMap(([code, name, children]) => [
  { code, name, parentCode: null, keywords: [] },
  ...children.map(([childCode, childName, keywords]) => ({ code: childCode, name: childName, parentCode: code, keywords })),
]);

const BY_CODE = new Map(CATEGORIES.map((category) => [category.code, category]));
const BY_NAME = new Map(CATEGORIES.map((category) => [category.name, category]));

export function categoryByCode(code: string): Category | undefined {
  return BY_CODE.get(code);
}

/** A channel's hint may be our code or a Chinese name (a leaf or a branch). */
export function categoryFromHint(hint: string | null | undefined): Category | undefined {
  if (!hint) return undefined;
  const trimmed = hint.trim();
  return BY_CODE.get(trimmed) ?? BY_NAME.get(trimmed);
}

/** Two categories are compatible when one is the other or they share a branch (or either is unknown). */
export function categoriesCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.startsWith('99') || b.startsWith('99')) return true;
  return a.slice(0, 2) === b.slice(0, 2);
}

/**
 * The category a new case starts with: the channel's hint when it names one of ours, else the leaf
 * whose keywords the text mentions most (longer keywords weigh more), else 其他诉求.
 */
export function classifyCategory(hint: string | null | undefined, text: string): Category {
  const hinted = categoryFromHint(hint);
  if (hinted) return hinted;
  let best: Category | undefined;
  let bestScore = 0;
  for (const category of CATEGORIES) {
    let score = 0;
    for (const keyword of category.keywords) if (text.includes(keyword)) score += keyword.length;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best ?? BY_CODE.get('9901')!;
}
