import { startHub, type HubOptions, type RunningHub } from '@huying/gateway';
import type { Database, TestBackend } from '@huying/runtime';
import { testOperators } from './operators';

export interface HubUnderTest {
  hub: RunningHub;
  db: Database;
  stop(): Promise<void>;
}

/**
 * The real gateway over the real subgraphs (real HTTP between them), on a fresh database of `backend`;
 * operators sign in with `asOperator(role)`.
 */
export async function startTestHub(backend: TestBackend, options: Omit<HubOptions, 'db'> = {}): Promise<HubUnderTest> {
  const { db, dispose } = await backend.open();
  const hub = await startHub({ operators: testOperators(), ...options, db });
  return {
    hub,
    db,
    stop: async () => {
      await hub.close();
      await dispose();
    },
  };
}
