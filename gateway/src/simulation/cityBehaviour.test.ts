import { randomUUID } from 'node:crypto';
import { CITY_BEHAVIOUR, citizenAnswer, departmentStep } from './cityBehaviour';

const ids = Array.from({ length: 20_000 }, () => randomUUID());
const dispatchedAt = new Date('2026-11-20T02:00:00Z');
const after = (seconds: number) => new Date(dispatchedAt.getTime() + seconds * 1000);

describe('how the simulated city behaves', () => {
  it('tells the same story for the same assignment, and nothing before its time', () => {
    const [id] = ids;
    expect(departmentStep({ id: id!, state: 'DISPATCHED', dispatchedAt }, after(1))).toBe('WAIT');
    expect(departmentStep({ id: id!, state: 'SIGNED', dispatchedAt }, after(300))).toBe(departmentStep({ id: id!, state: 'SIGNED', dispatchedAt }, after(300)));
    expect(departmentStep({ id: id!, state: 'RESOLVED', dispatchedAt }, after(3000))).toBe('WAIT');
  });

  it('signs, resolves and escalates in the shares of the seeds, within the minutes it promises', () => {
    const signed = ids.filter((id) => departmentStep({ id, state: 'DISPATCHED', dispatchedAt }, after(CITY_BEHAVIOUR.signWithinSeconds[1])) === 'SIGN').length / ids.length;
    expect(signed).toBeGreaterThan(0.998);
    const answers = ids.map((id) => departmentStep({ id, state: 'SIGNED', dispatchedAt }, after(CITY_BEHAVIOUR.answerWithinSeconds[1])));
    const share = (step: string) => answers.filter((answer) => answer === step).length / answers.length;
    expect(share('RESOLVE')).toBeCloseTo(1 - CITY_BEHAVIOUR.escalates - CITY_BEHAVIOUR.leftOpen, 1);
    expect(share('ESCALATE')).toBeGreaterThan(0.01);
    expect(share('ESCALATE')).toBeLessThan(0.03);
    expect(share('WAIT')).toBeCloseTo(CITY_BEHAVIOUR.leftOpen, 1);
  });

  it('has citizens answer a 回访 within two minutes, mostly satisfied', () => {
    const answers = ids.map((id) => citizenAnswer({ reportId: id, round: 1, dueSince: dispatchedAt }, after(CITY_BEHAVIOUR.answerCallbackWithinSeconds[1])));
    expect(answers.every(Boolean)).toBe(true);
    const satisfied = answers.filter((ratings) => ratings!.satisfaction >= 4).length / answers.length;
    expect(satisfied).toBeGreaterThan(0.93);
    expect(satisfied).toBeLessThan(0.97);
    expect(citizenAnswer({ reportId: ids[0]!, round: 1, dueSince: dispatchedAt }, after(5))).toBeNull();
  });
});
