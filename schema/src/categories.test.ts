import { CATEGORIES, categoriesCompatible, categoryFromHint, classifyCategory } from './categories';

describe('category tree', () => {
  it('has unique codes and every child under an existing branch', () => {
    const codes = CATEGORIES.map((category) => category.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of CATEGORIES.filter((c) => c.parentCode)) {
      expect(codes).toContain(category.parentCode);
      expect(category.code.startsWith(category.parentCode!)).toBe(true);
    }
  });

  it('reads a hint given as a code or a Chinese name', () => {
    expect(categoryFromHint('0202')?.name).toBe('井盖');
    expect(categoryFromHint(' 占道经营 ')?.code).toBe('0102');
    expect(categoryFromHint('不存在的分类')).toBeUndefined();
  });

  it('classifies real complaint text by its words when there is no hint', () => {
    expect(classifyCategory(null, '小区门口窨井盖缺失，晚上走路很危险').code).toBe('0202');
    expect(classifyCategory(null, '楼下烧烤店油烟太大，熏得没法开窗').code).toBe('0402');
    expect(classifyCategory(null, '想咨询一下孩子转学的事情').code).toBe('0801');
    expect(classifyCategory(null, '请问办事大厅周末上班吗').code).toBe('9901');
    expect(classifyCategory('占道经营', '窨井盖缺失').code).toBe('0102');
  });

  it('treats categories of one branch as compatible and others not', () => {
    expect(categoriesCompatible('0201', '0202')).toBe(true);
    expect(categoriesCompatible('0201', '0401')).toBe(false);
    expect(categoriesCompatible(null, '0401')).toBe(true);
  });
});
