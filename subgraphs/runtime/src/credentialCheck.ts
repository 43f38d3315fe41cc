import { settings } from './config';
import { dataKeys } from './personalData';

/** What a process runs with that only development may: the published secrets and keys. */
export function developmentCredentials(extra: readonly string[] = []): string[] {
  const found: string[] = [];
  if (settings.gatewaySecretIsDefault) found.push('HUYING_GATEWAY_SECRET is unset or the published development secret');
  if (settings.contactKeyIsDefault) found.push('HUYING_CONTACT_KEY is unset or the published development key');
  if (dataKeys().isDevelopmentKey) found.push('HUYING_DATA_KEYS is unset: personal data is sealed with the published development key');
  return [...found, ...extra];
}

/**
 * Refuses to start (throws, naming each problem) in production with a development credential, and says so
 * loudly in development. `defaultEnvironment` is the launcher's: the embedded hub development, a service or
 * gateway started on its own production; HUYING_ENV overrides it.
 */
export function checkCredentials(
  log: { warn(object: object, message: string): void },
  defaultEnvironment: 'development' | 'production',
  extra: readonly string[] = [],
): void {
  const problems = developmentCredentials(extra);
  if (!problems.length) return;
  const environment = settings.environment ?? defaultEnvironment;
  if (environment === 'production') {
    throw new Error(
      `refusing to start in production with development credentials:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
        'set each (see subgraphs/runtime/src/config.ts), or HUYING_ENV=development to run with them on purpose',
    );
  }
  log.warn({ problems }, 'RUNNING WITH DEVELOPMENT CREDENTIALS: anyone who has read the README can sign in and read personal data; never expose this hub');
}
