import { createHash } from 'node:crypto';
import { Dice } from '@huying/synthetic';

/**
 * How the simulated departments and citizens of the embedded hub behave, as plain rules over one
 * assignment or one call-back, seeded by its id (the same id always tells the same story). The shares
 * follow the seeds' 通州 2023 figures: 响应率 99.93 %, 解决率 93.81 %, 满意率 94.93 %.
 */
export const CITY_BEHAVIOUR = {
  /** Departments sign within this many seconds of dispatch (spread evenly). */
  signWithinSeconds: [5, 45],
  /** … and answer within this many seconds of dispatch. */
  answerWithinSeconds: [40, 240],
  neverSigns: 0.0007,
  /** Of the signed: pushed up to the level above (上报), or left open past the deadline. */
  escalates: 0.02,
  leftOpen: 0.04,
  /** Citizens answer a 回访 within this many seconds of being due one. */
  answerCallbackWithinSeconds: [20, 120],
  satisfied: 0.95,
} as const;

export type DepartmentStep = 'SIGN' | 'RESOLVE' | 'ESCALATE' | 'WAIT';

function diceOf(id: string, salt: string): Dice {
  return new Dice(createHash('sha256').update(`${salt}:${id}`).digest().readInt32LE(0));
}

const within = (dice: Dice, [from, to]: readonly [number, number]) => (from + dice.float() * (to - from)) * 1000;

/** What a department system does now about one of its assignments. */
export function departmentStep(assignment: { id: string; state: string; dispatchedAt: Date }, now: Date): DepartmentStep {
  const dice = diceOf(assignment.id, 'department');
  const neverSigns = dice.chance(CITY_BEHAVIOUR.neverSigns);
  const signAt = within(dice, CITY_BEHAVIOUR.signWithinSeconds);
  const answerAt = within(dice, CITY_BEHAVIOUR.answerWithinSeconds);
  const outcome = dice.weighted(['RESOLVE', 'ESCALATE', 'WAIT'] as const, [1 - CITY_BEHAVIOUR.escalates - CITY_BEHAVIOUR.leftOpen, CITY_BEHAVIOUR.escalates, CITY_BEHAVIOUR.leftOpen]);
  const elapsed = now.getTime() - assignment.dispatchedAt.getTime();
  if (assignment.state === 'DISPATCHED') return !neverSigns && elapsed >= signAt ? 'SIGN' : 'WAIT';
  if (assignment.state === 'SIGNED' || assignment.state === 'IN_PROGRESS') return elapsed >= answerAt ? outcome : 'WAIT';
  return 'WAIT';
}

/** How a citizen rates the handling on a 回访, once due one long enough (null: not yet). */
export function citizenAnswer(callback: { reportId: string; round: number; dueSince: Date }, now: Date): { responsiveness: number; cooperation: number; completion: number; satisfaction: number } | null {
  const dice = diceOf(`${callback.reportId}:${callback.round}`, 'citizen');
  if (now.getTime() - callback.dueSince.getTime() < within(dice, CITY_BEHAVIOUR.answerCallbackWithinSeconds)) return null;
  const rating = dice.chance(CITY_BEHAVIOUR.satisfied) ? () => dice.int(4, 5) : () => dice.int(1, 2);
  return { responsiveness: rating(), cooperation: rating(), completion: rating(), satisfaction: rating() };
}
