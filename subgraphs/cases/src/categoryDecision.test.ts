import type { Classification } from './classifier/model';
import { decideCategory } from './categoryDecision';

const saying = (label: Classification['label'], confidence = 0.8) => (): Classification => ({ label, confidence, scores: {} as Classification['scores'] });

describe('decideCategory', () => {
  it('takes the channel\'s own category first', () => {
    expect(decideCategory('井盖', '小区门口垃圾没人清运', saying('环境保护'))).toEqual({ code: '0202', source: 'CHANNEL', confidence: 1 });
  });

  it('keeps the rules\' leaf where the classifier agrees on the class, with its confidence', () => {
    expect(decideCategory(null, '小区门口窨井盖缺失，晚上很危险', saying('城乡建设', 0.93))).toEqual({ code: '0202', source: 'RULES', confidence: 0.93 });
  });

  it('files by the classifier\'s class where the rules name another or none', () => {
    expect(decideCategory(null, '请问办事大厅周末上班吗', saying('劳动和社会保障', 0.6))).toEqual({ code: '09', source: 'MODEL', confidence: 0.6 });
    expect(decideCategory(null, '商场卖假货，店家拒绝退款', saying('商贸旅游'))).toEqual({ code: '1101', source: 'RULES', confidence: 0.8 });
    expect(decideCategory(null, '公交车站台被占用停车', saying('交通运输'))).toMatchObject({ code: '0602', source: 'RULES' });
    expect(decideCategory(null, '楼下烧烤店油烟太大', saying('城乡建设'))).toMatchObject({ code: '05', source: 'MODEL' });
  });

  it('leaves dangers to the rules, and matters outside the classifier\'s classes unless it is sure', () => {
    expect(decideCategory(null, '楼道里有很重的燃气泄漏的味道', saying('城乡建设', 0.99))).toEqual({ code: '0303', source: 'RULES', confidence: null });
    expect(decideCategory(null, '楼上邻居每天吵架，纠纷不断', saying('城乡建设', 0.6))).toEqual({ code: '1001', source: 'RULES', confidence: null });
    expect(decideCategory(null, '物业和业主之间的纠纷矛盾', saying('城乡建设', 0.95))).toEqual({ code: '05', source: 'MODEL', confidence: 0.95 });
  });

  it('uses the shipped classifier by default', () => {
    const decision = decideCategory(null, '孩子转学到附近小学，学校说没有学位');
    expect(decision).toMatchObject({ code: '0801' });
    expect(decision.confidence).toBeGreaterThan(0.5);
  });
});
