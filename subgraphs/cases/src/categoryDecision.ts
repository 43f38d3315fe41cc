import { categoryFromHint, classifyCategory } from '@huying/schema';
import type { CategorySource } from './model';

/** A new case's category, how it was decided and how sure that is. */
export interface CategoryDecision {
  code: string;
  source: CategorySource;
  /** 0–1; null where nothing measured it. */
  confidence: number | null;
}

/** The channel's own category when it names one of ours; else the keyword rules. */
export function decideCategory(hint: string | null | undefined, text: string): CategoryDecision {
  const hinted = categoryFromHint(hint);
  if (hinted) return { code: hinted.code, source: 'CHANNEL', confidence: 1 };
  return { code: classifyCategory(null, text).code, source: 'RULES', confidence: null };
}
