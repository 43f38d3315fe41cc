import { categoryByCode } from '@huying/schema';

/**
 * The classes the model answers with: the seven 一级分类 of the 泰迪杯 2020 C message board (the 15-class
 * 内容分类三级标签体系 of 附件1, of which these seven occur in the labelled posts), sorted by code point.
 */
export const CLASSIFIER_LABELS = ['交通运输', '劳动和社会保障', '卫生计生', '商贸旅游', '城乡建设', '教育文体', '环境保护'] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];

/**
 * Where each class sits in our category tree (`schema/src/categories.ts`): the branches it covers and the
 * code a case gets when the model alone decides (a branch code when the class spans a whole branch or
 * more, so no leaf is guessed).
 */
export const CLASS_CATEGORIES: Record<ClassifierLabel, { branches: readonly string[]; code: string }> = {
  城乡建设: { branches: ['01', '02', '03', '05'], code: '05' },
  环境保护: { branches: ['04'], code: '04' },
  交通运输: { branches: ['06'], code: '06' },
  教育文体: { branches: ['08'], code: '0801' },
  卫生计生: { branches: ['08'], code: '0802' },
  劳动和社会保障: { branches: ['09'], code: '09' },
  商贸旅游: { branches: ['11'], code: '11' },
};

/**
 * The other way round, for measuring the keyword rules against the labels: the class each of our leaves
 * (or branches) falls in, `null` when none of the seven fits (治安, 消防 and 邻里纠纷 are 政法/民政 in
 * the 附件1 scheme, 其他 is nothing). 0101 垃圾 is 城乡建设 (市政管理 / 环境卫生) there, not 环境保护;
 * 0205 交通设施 and 06 交通出行 go to 交通运输 (附件1 puts 公共汽车/地铁 under 城乡建设 and 违章停车 under
 * 政法, so this is the reading kindest to the rules). 0801 and 0802 split 08 教育卫生.
 */
export function classOfCategory(code: string): ClassifierLabel | null {
  if (code === '0801') return '教育文体';
  if (code === '0802') return '卫生计生';
  if (code === '0205') return '交通运输';
  if (code === '0701') return null;
  const branch = code.slice(0, 2);
  for (const label of CLASSIFIER_LABELS) if (CLASS_CATEGORIES[label].branches.includes(branch) && branch !== '08') return label;
  return null;
}

/**
 * The category the model's class suggests, given what the rules chose: the rules' leaf when it lies in the
 * class's branches (the model says what kind of problem, the rules which one), else the class's own code.
 */
export function categoryForClass(label: ClassifierLabel, rulesCode: string | null): string {
  const { branches, code } = CLASS_CATEGORIES[label];
  if (rulesCode && classOfCategory(rulesCode) === label && branches.includes(rulesCode.slice(0, 2))) return rulesCode;
  if (!categoryByCode(code)) throw new Error(`unknown category ${code} for ${label}`);
  return code;
}
