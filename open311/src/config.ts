/**
 * The one place this package reads the environment. Every setting, with an example:
 *
 *   HUYING_OPEN311_JURISDICTION=jiangan.wuhan.gov.cn  # the jurisdiction_id this endpoint serves; a request naming
 *                                                     # another gets 404 (default unset: any jurisdiction_id is this city)
 *   HUYING_OPEN311_DEFAULT_DAYS=90     # GET requests without dates answers the last this many days (default 90, as the spec)
 *   HUYING_OPEN311_PAGE_SIZE=200       # GET requests answers at most this many, newest first (default 200)
 *   HUYING_OPEN311_MAX_PAGE_SIZE=1000  # the largest page_size a client may ask for (default 1000)
 */
const env = process.env;

export const open311Settings = {
  jurisdiction: env.HUYING_OPEN311_JURISDICTION || undefined,
  requests: {
    defaultDays: whole('HUYING_OPEN311_DEFAULT_DAYS', 90),
    defaultPageSize: whole('HUYING_OPEN311_PAGE_SIZE', 200),
    maxPageSize: whole('HUYING_OPEN311_MAX_PAGE_SIZE', 1000),
  },
};

function whole(name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1 (got ${env[name]})`);
  return value;
}
