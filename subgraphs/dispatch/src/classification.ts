import type { Level, MatterType, Whistle } from '@huying/schema';
import type { OrganisationFile } from './organisation';

export type ClassificationTable = OrganisationFile['classification'];

export interface CaseToClassify {
  categoryCode: string | null;
  title: string;
  text: string;
  /** The case's clock: deadlines count from here. */
  createdAt: Date;
}

export interface CaseClassification {
  level: Level;
  whistle: Whistle;
  matterType: MatterType;
  /** The time limit in minutes; null for a 攻坚哨 whose deadline the command centre sets per case. */
  timeLimitMinutes: number | null;
  dueAt: Date | null;
  /** The emergency word that raised the case to 应急哨, if any. */
  emergencyWord: string | null;
}

/**
 * Level, whistle and matter type from the city's rule table (first matching rule wins, by category-code
 * prefix or a keyword in the text), raised to 应急哨 by an emergency word; then the deadline.
 */
export function classifyCase(input: CaseToClassify, table: ClassificationTable): CaseClassification {
  const content = `${input.title}\n${input.text}`;
  const code = input.categoryCode ?? '';
  const rule =
    table.rules.find(
      (candidate) =>
        candidate.categories.some((prefix) => code.startsWith(prefix)) || candidate.keywords.some((keyword) => content.includes(keyword)),
    ) ?? table.fallback;
  const emergencyWord = table.emergencyWords.find((word) => content.includes(word)) ?? null;
  const whistle: Whistle = emergencyWord ? 'EMERGENCY' : rule.whistle;
  const timeLimitMinutes = timeLimit(rule.level, whistle, rule.deadlineMinutes, table);
  return {
    level: rule.level,
    whistle,
    matterType: rule.matterType,
    timeLimitMinutes,
    dueAt: timeLimitMinutes === null ? null : new Date(input.createdAt.getTime() + timeLimitMinutes * 60_000),
    emergencyWord,
  };
}

/**
 * 应急哨: on site within its limit (1 hour). 攻坚哨: per case (the rule's own deadline, or none until the
 * command centre sets one). 快捷哨: the level's limit (A1 30 min, A2 2 h, beyond the community a plan
 * within 1 day), never longer than the whistle's 1 day.
 */
export function timeLimit(level: Level, whistle: Whistle, ruleDeadline: number | undefined, table: ClassificationTable): number | null {
  if (whistle === 'EMERGENCY') return table.timeLimits.EMERGENCY;
  if (whistle === 'TOUGH') return ruleDeadline ?? null;
  return Math.min(ruleDeadline ?? table.timeLimits[level], table.timeLimits.QUICK);
}
