import { DEFAULT_ORGANISATION_FILE } from './config';
import { classifyCase } from './classification';
import { loadOrganisationFile } from './organisation';

const table = loadOrganisationFile(DEFAULT_ORGANISATION_FILE).classification;
const createdAt = new Date('2026-11-20T02:00:00Z');
const classify = (categoryCode: string | null, text = '') => classifyCase({ categoryCode, title: '', text, createdAt }, table);
const minutesUntilDue = (result: ReturnType<typeof classify>) => (result.dueAt ? (result.dueAt.getTime() - createdAt.getTime()) / 60_000 : null);

describe('classification on intake', () => {
  it('A1 (grid worker) gets 30 minutes', () => {
    const result = classify('0101', '小区门口垃圾堆放');
    expect(result).toMatchObject({ level: 'A1', whistle: 'QUICK', matterType: 'PUBLIC' });
    expect(minutesUntilDue(result)).toBe(30);
  });

  it('A2 (community) gets 2 hours, with the matter type of the rule', () => {
    expect(classify('1001', '楼上邻居噪音')).toMatchObject({ level: 'A2', matterType: 'HOUSEHOLD' });
    expect(minutesUntilDue(classify('1001'))).toBe(120);
    expect(classify('0501')).toMatchObject({ level: 'A2', matterType: 'SHARED' });
  });

  it('beyond the community (B, C, D) a plan within 1 day, which is also 快捷哨', () => {
    expect(classify('0401')).toMatchObject({ level: 'B', whistle: 'QUICK' });
    expect(minutesUntilDue(classify('0401'))).toBe(1440);
    expect(classify('0202')).toMatchObject({ level: 'C', whistle: 'QUICK' });
    expect(minutesUntilDue(classify('0202'))).toBe(1440);
    expect(classify('0302')).toMatchObject({ level: 'D' });
  });

  it('攻坚哨 has a deadline per case: the rule’s own, or none until the command centre sets it', () => {
    const tough = classify('0104', '违章搭建');
    expect(tough).toMatchObject({ whistle: 'TOUGH', timeLimitMinutes: null, dueAt: null });
    expect(minutesUntilDue(classify('0403'))).toBe(10080);
  });

  it('an emergency word raises the case to 应急哨, on site within 1 hour', () => {
    const gas = classify('0303', '楼道里有燃气泄漏的味道');
    expect(gas).toMatchObject({ whistle: 'EMERGENCY', emergencyWord: '燃气泄漏' });
    expect(minutesUntilDue(gas)).toBe(60);
    // even from a category whose rule is 攻坚哨 or a one-day one
    expect(classify('0104', '违建工地起了火情')).toMatchObject({ whistle: 'EMERGENCY', dueAt: new Date(createdAt.getTime() + 3_600_000) });
    expect(classify('0204', '路口爆管了，水漫到路面').whistle).toBe('EMERGENCY');
    expect(classify('0204', '路口积水').whistle).toBe('QUICK');
  });

  it('falls back to the table’s default for a category no rule names', () => {
    expect(classify('9901', '其他问题')).toMatchObject({ level: 'B', whistle: 'QUICK' });
    expect(classify(null, '')).toMatchObject({ level: 'B' });
  });
});
