import { formatShanghaiLocalTime } from '@huying/schema';
import type { TimeRange } from './adapter';
import type { SourceClient } from './sourceClient';

/**
 * One page of a legacy system's JSON API (UTF-8): `query` plus the time range as Beijing local times in
 * `from`/`to`; any answer but 200 is an error naming the system.
 */
export async function fetchJsonPage<Body>(
  client: SourceClient,
  request: { system: string; path: string; query: Record<string, string | number | undefined>; range?: TimeRange },
): Promise<Body> {
  const { range } = request;
  const response = await client.get(request.path, {
    ...request.query,
    from: range ? formatShanghaiLocalTime(range.from) : undefined,
    to: range ? formatShanghaiLocalTime(range.to) : undefined,
  });
  if (response.status !== 200) throw new Error(`${request.system} answered HTTP ${response.status}`);
  return JSON.parse(response.body.toString('utf8')) as Body;
}
