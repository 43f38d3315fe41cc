export type SlaLight = 'GREEN' | 'YELLOW' | 'RED';

/**
 * 一键督办's light: yellow from half the time limit on, red once overdue. Without a deadline (攻坚哨
 * before the command centre sets one) there is nothing to be late for.
 */
export function slaLight(startedAt: Date, dueAt: Date | null, now: Date): SlaLight {
  if (!dueAt) return 'GREEN';
  if (now.getTime() > dueAt.getTime()) return 'RED';
  const half = startedAt.getTime() + (dueAt.getTime() - startedAt.getTime()) / 2;
  return now.getTime() >= half ? 'YELLOW' : 'GREEN';
}

/** Who a light change reminds: the responsible head (分管负责人) at yellow, the main head (主要负责人) at red. */
export function reminderRecipient(light: SlaLight): 'RESPONSIBLE_HEAD' | 'MAIN_HEAD' | null {
  if (light === 'YELLOW') return 'RESPONSIBLE_HEAD';
  if (light === 'RED') return 'MAIN_HEAD';
  return null;
}

/** A case red for longer than the city's limit goes to the supervision office (once). */
export function dueForSupervisionPush(redSince: Date | null, now: Date, pushAfterMinutes: number): boolean {
  return redSince !== null && now.getTime() - redSince.getTime() >= pushAfterMinutes * 60_000;
}
