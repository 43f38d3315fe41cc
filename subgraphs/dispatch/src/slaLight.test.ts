import { ManualClock } from '@huying/runtime';
import { dueForSupervisionPush, reminderRecipient, slaLight } from './slaLight';

describe('slaLight', () => {
  const start = new Date('2026-11-20T00:00:00Z');
  const due = new Date('2026-11-20T02:00:00Z'); // A2: 2 hours

  it('is green before half the time limit, yellow from half, red once overdue', () => {
    const clock = new ManualClock(start);
    expect(slaLight(start, due, clock.now())).toBe('GREEN');
    clock.advance(59 * 60_000 + 59_000);
    expect(slaLight(start, due, clock.now())).toBe('GREEN');
    clock.advance(1000); // exactly half
    expect(slaLight(start, due, clock.now())).toBe('YELLOW');
    clock.set(due);
    expect(slaLight(start, due, clock.now())).toBe('YELLOW');
    clock.advance(1);
    expect(slaLight(start, due, clock.now())).toBe('RED');
  });

  it('stays green without a deadline (攻坚哨 before one is set)', () => {
    expect(slaLight(start, null, new Date('2030-01-01T00:00:00Z'))).toBe('GREEN');
  });

  it('reminds the responsible head at yellow and the main head at red', () => {
    expect(reminderRecipient('YELLOW')).toBe('RESPONSIBLE_HEAD');
    expect(reminderRecipient('RED')).toBe('MAIN_HEAD');
    expect(reminderRecipient('GREEN')).toBeNull();
  });

  it('pushes to the supervision office once red for the configured time', () => {
    expect(dueForSupervisionPush(due, new Date(due.getTime() + 239 * 60_000), 240)).toBe(false);
    expect(dueForSupervisionPush(due, new Date(due.getTime() + 240 * 60_000), 240)).toBe(true);
    expect(dueForSupervisionPush(null, new Date('2030-01-01'), 240)).toBe(false);
  });
});
