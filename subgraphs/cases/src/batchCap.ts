import { userInputError } from '@huying/runtime';
import { batchRefusal } from '@huying/schema';
import { casesSettings } from './config';

/**
 * Refuses a `submitReports` call larger than HUYING_MAX_BATCH whole, before a report is read: taking
 * part of it would leave the sender to work out which part (it should split the batch instead).
 */
export function refuseOversizedBatch(size: number, limit: number = casesSettings.maxBatch): void {
  const refusal = batchRefusal(size, limit);
  if (refusal) throw userInputError(refusal.message, { limit: refusal.limit, size: refusal.size });
}
