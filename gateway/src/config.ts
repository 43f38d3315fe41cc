/**
 * The one place the gateway reads the environment (storage settings are @huying/runtime's). Examples:
 *
 *   PORT=4000                  # the gateway's port; GraphQL at /graphql, health at /health
 *   HOST=0.0.0.0               # the address to listen on (default 127.0.0.1)
 *   HUYING_SIMULATORS=0        # 0: start without the legacy-system simulators (default 1)
 */
const env = process.env;

export const gatewaySettings = {
  port: Number(env.PORT || 4000),
  host: env.HOST || '127.0.0.1',
  simulators: env.HUYING_SIMULATORS !== '0',
} as const;
