/**
 * The one place the gateway reads the environment (storage settings are @huying/runtime's). Examples:
 *
 *   PORT=4000                  # the gateway's port; GraphQL at /graphql, health at /health
 *   HOST=0.0.0.0               # the address to listen on (default 127.0.0.1)
 *   HUYING_SIMULATORS=0        # 0: start without the legacy-system simulators (default 1)
 *   HUYING_SIMULATOR_HISTORY_MINUTES=25   # how far back the simulated channels' history reaches when the hub starts
 *                              # (default 25: shorter than the shortest deadline, A1's 30 minutes, so the demo starts
 *                              # with a backlog but none of it already late)
 *   HUYING_SIMULATOR_ISSUE_GAP_SECONDS=60  # mean time between new issues in the simulated city (default 60)
 *   HUYING_OPERATORS_FILE=/etc/huying/operators.json  # who signs in with `Authorization: Bearer <operator token>`, and in
 *                              # which role (default: gateway/config/operators.development.json, development tokens only;
 *                              # mint entries with `npm run operator-token -w @huying/gateway -- <id> <ROLE> <name>`)
 *   HUYING_ALERT_POLL_MS=1000  # how often the subscription server asks analytics for alert changes while anyone follows
 *                              # them (default 1000; alerts change with the hourly scan and the command centre's decisions)
 *   HUYING_DASHBOARD_CHANGE_POLL_MS=1000  # how often the gateway looks at the read model's version while any dashboard
 *                              # follows /dashboard/changes (default 1000: one small read a second per gateway, for every screen)
 *
 * Limits on every request at the gateway (0 turns one off; the defaults pass every client here, the dashboard
 * included, with room to spare — see "Limits at the gateway" in the README):
 *
 *   HUYING_MAX_DEPTH=10        # deepest nesting of fields in one operation (default 10; the dashboard needs 3)
 *   HUYING_MAX_ALIASES=15      # aliases in one operation, `__typename` not counted (default 15; the dashboard uses 2)
 *   HUYING_MAX_TOKENS=1000     # lexical tokens in one document, checked while parsing (default 1000; the dashboard has 136)
 *   HUYING_MAX_COST=50000      # graphql-armor's cost: 2 per object field, 1 per scalar, ×1.5 per level, × a literal
 *                              # `first:`/`last:` (default 50000; the dashboard costs 13178)
 *   HUYING_MAX_DIRECTIVES=50   # directives in one operation (default 50)
 *   HUYING_RATE_LIMIT=6000     # requests per minute per credential (the `Authorization` token, else the client's
 *                              # address); the next gets 429 with Retry-After (default 6000)
 *   HUYING_MAX_BODY=5mb        # largest request body, in b, kb or mb; a larger one gets 413 (default 5mb: a full
 *                              # 1,000-report `submitReports` call of ordinary complaints is 0.3–2mb)
 * The standalone gateway (`npm run start -w @huying/gateway`) also reads @huying/runtime's settings:
 * HUYING_SERVICE_URLS (where each subgraph is; unset ones use the supergraph's routing URLs) and
 * HUYING_GATEWAY_SECRET (the internal secret it adds to every subgraph request; the subgraphs must share it).
 */
import { join, resolve } from 'node:path';

const env = process.env;

export const DEVELOPMENT_OPERATORS_FILE = join(__dirname, '..', 'config', 'operators.development.json');

export const gatewaySettings = {
  port: Number(env.PORT || 4000),
  host: env.HOST || '127.0.0.1',
  simulators: env.HUYING_SIMULATORS !== '0',
  simulatorPace: {
    historyMs: Number(env.HUYING_SIMULATOR_HISTORY_MINUTES || 25) * 60_000,
    meanIssueGapMs: Number(env.HUYING_SIMULATOR_ISSUE_GAP_SECONDS || 60) * 1000,
  },
  operatorsFile: env.HUYING_OPERATORS_FILE ? resolve(env.HUYING_OPERATORS_FILE) : DEVELOPMENT_OPERATORS_FILE,
  operatorsFileIsDevelopment: !env.HUYING_OPERATORS_FILE,
  alertPollMs: count('HUYING_ALERT_POLL_MS', 1000) || 1000,
  dashboardChangePollMs: count('HUYING_DASHBOARD_CHANGE_POLL_MS', 1000) || 1000,
  limits: {
    maxDepth: count('HUYING_MAX_DEPTH', 10),
    maxAliases: count('HUYING_MAX_ALIASES', 15),
    maxTokens: count('HUYING_MAX_TOKENS', 1000),
    maxCost: count('HUYING_MAX_COST', 50_000),
    maxDirectives: count('HUYING_MAX_DIRECTIVES', 50),
    rateLimitPerMinute: count('HUYING_RATE_LIMIT', 6000),
    maxBodyBytes: byteSize('HUYING_MAX_BODY', '5mb'),
  } satisfies GatewayLimits as GatewayLimits,
} as const;

/** What one request may ask of the gateway; 0 turns a limit off (the body limit cannot be off). */
export interface GatewayLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  rateLimitPerMinute: number;
  maxBodyBytes: number;
}

// A mistyped limit must stop the start, not quietly become no limit (Number('10k') is NaN).
function count(name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number (0 turns the limit off), not ${JSON.stringify(value)}`);
  return Number(value);
}

function byteSize(name: string, fallback: string): number {
  const value = (env[name]?.trim() || fallback).toLowerCase();
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/.exec(value);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match?.[2] ?? 'b') as 'b' | 'kb' | 'mb'];
  const bytes = match ? Math.floor(Number(match[1]) * unit) : 0;
  if (!bytes) throw new Error(`${name} must be a size such as 5mb, 512kb or 100000 (bytes), not ${JSON.stringify(value)}`);
  return bytes;
}
