import { newProblemAlerts, textGroups, titlePairs, type PoorlyPlacedRequest } from './newProblems';

/** Questions the tree places poorly, each about something else: one every two days for 80 days. */
const UNRELATED = [
  '请问退休证丢失如何补办',
  '建议公园增设儿童游乐设施',
  '咨询外地驾照换证流程',
  '反映银行排队时间过长',
  '询问古树名木保护范围',
  '建议图书馆延长开放时间',
  '快递柜超时收费是否合理',
  '举报网络直播间虚假宣传',
  '请问养犬登记在哪里办理',
  '建议增加夜间公交班次',
];
const background = (): PoorlyPlacedRequest[] =>
  Array.from({ length: 40 }, (_, index) => ({ day: index * 2, caseId: `bg-${String(index).padStart(3, '0')}`, title: `${UNRELATED[index % UNRELATED.length]}${index >= UNRELATED.length ? `（第${Math.floor(index / UNRELATED.length) + 1}次）` : ''}` }));

/** A problem nobody had before, in four people's words over three days. */
const SCOOTERS: PoorlyPlacedRequest[] = [
  { day: 60, caseId: 'new-1', title: '共享电单车堵住小区消防通道' },
  { day: 61, caseId: 'new-2', title: '消防通道被共享电单车堵死无人清理' },
  { day: 61, caseId: 'new-3', title: '大量共享电单车占用消防通道' },
  { day: 62, caseId: 'new-4', title: '共享电单车乱停堵塞消防通道' },
  { day: 62, caseId: 'new-5', title: '投诉共享电单车停满消防通道' },
];

describe('the new-problem detector', () => {
  it('reads a title as its letter pairs, whatever the punctuation', () => {
    expect([...titlePairs('井盖缺失！')]).toEqual(['井盖', '盖缺', '缺失']);
    expect(titlePairs('A区，路灯')).toEqual(new Set(['a区', '路灯']));
  });

  it('groups one new problem told in five wordings, and alerts on the day its third request comes in', () => {
    const requests = [...background(), ...SCOOTERS];
    const groups = textGroups(requests, 90);
    const scooters = groups.find((group) => group.key === 'new-1')!;
    expect(scooters.cases.map((entry) => entry.caseId)).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5']);
    const alerts = newProblemAlerts(requests, 90);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: 'NEW_PROBLEM', place: 'text:new-1', placeName: '共享电单车堵住小区消防通道', categoryCode: '9901', openedDay: 61, observed: 3 });
    expect(alerts[0]!.caseIds).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5']);
  });

  it('raises nothing on unrelated questions, however many, nor on a question the city is asked every day', () => {
    expect(newProblemAlerts(background(), 90)).toEqual([]);
    const daily = Array.from({ length: 120 }, (_, day) => ({ day, caseId: `sb-${String(day).padStart(3, '0')}`, title: day % 2 ? '社保卡补办需要哪些材料' : '请问社保卡补办需要什么材料' }));
    const groups = textGroups(daily, 120);
    expect(groups).toHaveLength(1);
    expect(newProblemAlerts(daily, 120)).toEqual([]);
    // The same problem arriving at once after months of nothing does alert.
    const late = [...daily.slice(0, 10), ...Array.from({ length: 6 }, (_, index) => ({ day: 100 + (index % 2), caseId: `sb-late-${index}`, title: '社保卡补办要带什么材料' }))];
    expect(newProblemAlerts(late, 120).map((alert) => alert.openedDay)).toEqual([100]);
  });

  it('finds on a replay a day at a time the alerts living through the days found', () => {
    const requests = [...background(), ...SCOOTERS];
    const whole = newProblemAlerts(requests, 90);
    for (let day = 55; day < 90; day++) {
      const seen = newProblemAlerts(
        requests.filter((request) => request.day <= day),
        day + 1,
      );
      expect(seen.map((alert) => [alert.place, alert.openedDay])).toEqual(whole.filter((alert) => alert.openedDay <= day).map((alert) => [alert.place, alert.openedDay]));
    }
  });
});
