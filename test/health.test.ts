import { testBackends } from '@huying/runtime';
import { startTestHub } from './support/hub';

describe('gateway health', () => {
  it('answers 200 with every subgraph up, and 503 naming the one that is down', async () => {
    const under = await startTestHub(testBackends()[0]!);
    try {
      const healthy = await fetch(`${under.hub.gateway.base}/health`);
      expect(healthy.status).toBe(200);
      const body = (await healthy.json()) as { status: string; subgraphs: Record<string, string> };
      expect(body.status).toBe('up');
      expect(Object.keys(body.subgraphs)).toEqual(Object.keys(under.hub.subgraphs));
      expect(Object.values(body.subgraphs).every((state) => state === 'up')).toBe(true);

      await under.hub.subgraphs.cases!.close();
      const degraded = await fetch(`${under.hub.gateway.base}/health`);
      expect(degraded.status).toBe(503);
      expect(((await degraded.json()) as { subgraphs: Record<string, string> }).subgraphs.cases).toBe('down');
    } finally {
      await under.stop().catch(() => undefined);
    }
  });
});
