import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { termWeights } from './termWeights';

/**
 * The one jieba instance of the process (loading the dictionary takes ~150 ms, so it is built once,
 * on first use). Keywords are weighted by document frequencies learned from complaints
 * (`termWeights`), so 问题/反映/小区 weigh little and 井盖/漏水/噪音 weigh a lot.
 */
let jieba: Jieba | null = null;

const instance = () => (jieba ??= Jieba.withDict(dict));
/** Words every complaint uses; they say nothing about which problem it is. */
const COMPLAINT_STOP_WORDS = new Set([
  '反映', '问题', '投诉', '举报', '咨询', '建议', '希望', '请求', '要求', '市民', '居民', '业主', '群众', '网友',
  '领导', '政府', '部门', '相关', '有关', '尽快', '处理', '解决', '情况', '严重', '现在', '目前', '一直', '已经',
  '没有', '还是', '我们', '你们', '他们', '这个', '那个', '这里', '那里', '一下', '谢谢', '您好', '你好', '附近',
  '门口', '旁边', '一个', '很多', '非常', '特别', '能否', '是否', '可以', '如何', '怎么', '为什么', '什么',
  '本人', '我家', '小区', '社区', '街道', '地方', '位置', '时间', '今天', '昨天', '每天', '晚上', '白天', '多次',
  '造成', '影响', '导致', '出现', '存在', '进行', '关于', '对于', '以及', '并且', '而且', '但是', '因为', '所以',
]);

/** One-character words that name a problem; every other single character is grammar or address residue. */
const PROBLEM_CHARACTERS = new Set('灯臭吵堵漏脏乱坑树车狗猫烟火水电气油噪尘蚊鼠虫塌裂坏偷抢骗欠吊井桥墙桩'.split(''));

function isTelling(word: string): boolean {
  if (!/[\p{L}]/u.test(word) || COMPLAINT_STOP_WORDS.has(word)) return false;
  return [...word].length > 1 || PROBLEM_CHARACTERS.has(word);
}

export interface WeightedKeyword {
  keyword: string;
  weight: number;
}

/** The words that say what a text is about, with their TF-IDF weight (at most `limit`). */
export function keywords(text: string, limit = 24): WeightedKeyword[] {
  const counts = new Map<string, number>();
  for (const word of instance().cut(text, true)) {
    const key = word.toLowerCase();
    if (isTelling(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const weights = termWeights();
  return [...counts]
    .map(([keyword, count]) => ({ keyword, weight: count * weights.wordIdf(keyword) }))
    .sort((a, b) => b.weight - a.weight || (a.keyword < b.keyword ? -1 : 1))
    .slice(0, limit);
}

/** Word segmentation (HMM on, so unknown names like 景蓉华苑 stay whole). */
export function words(text: string): string[] {
  return instance().cut(text, true);
}

/** A word's part of speech as jieba tags it on its own (`ns` a place, `v` a verb, `r` a pronoun…). */
export function wordTag(word: string): string {
  const tagged = instance().tag(word, true);
  return tagged.length === 1 ? tagged[0]!.tag : '';
}
