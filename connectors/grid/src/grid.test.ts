import { graphqlIntake } from '@huying/connector-kit';
import { describeConnectorContract, startConnectorHarness, TEST_INTAKE } from '@huying/connector-kit/testing';
import { gatewayHeaders, ManualClock, testBackends } from '@huying/runtime';
import { distanceMeters, INTAKE_MODE_NAMES } from '@huying/schema';
import { gridService } from './service';
import { gridReportOf, startGridSimulator } from './simulator';

const quick = { pageSize: 5, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };

describeConnectorContract('grid', {
  startSimulator: (clock, { malformedEvery }) => startGridSimulator({ clock, seed: 14, malformedEvery, meanIssueGapMs: 15 * 60_000 }),
  module: (url, intake) => gridService({ source: { ...quick, url }, intake }),
  sourceIdOf: (entry) => gridReportOf(entry).reportNo,
  malformedReason: /^reportTime "" is not a time \(yyyyMMddHHmmss\)$/,
  // The platform's continuation token, opaque to us.
  checkpoint: /^[A-Za-z0-9+/=]+$/,
  answered: (native) => native.settledOnSpot === true && native.state === '已办结',
  nativeQuery: 'gridReport { settledOnSpot state }',
});

describe.each(testBackends())('grid mapping on $kind', (backend) => {
  it('maps a grid report, converts BD-09 to WGS-84, keeps its intake mode, and answers gridReport', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const simulator = await startGridSimulator({ clock, seed: 6, malformedEvery: 0 });
    clock.advance(6 * 3600_000);
    let casesUrl = '';
    const harness = await startConnectorHarness(backend, clock, gridService({ source: { ...quick, pageSize: 50, url: simulator.url }, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
    try {
      await harness.service.puller!.pullOnce();
      const entry = simulator.feed.entries()[0]!;
      const legacy = gridReportOf(entry);
      const report = await harness.report(legacy.reportNo);
      expect(report).toMatchObject({ sourceId: legacy.reportNo, text: legacy.content, address: legacy.address, intakeMode: entry.record.intakeMode, contact: null });
      expect(INTAKE_MODE_NAMES[entry.record.intakeMode]).toBe(legacy.source);
      // Compact local digits "20261120080000" are Beijing time.
      expect(new Date(report!.receivedAt).getTime()).toBe(Math.floor(entry.record.reportedAt.getTime() / 1000) * 1000);
      expect(distanceMeters({ lng: Number(legacy.lng), lat: Number(legacy.lat) }, entry.record.location)).toBeGreaterThan(300);
      expect(distanceMeters(report!.location!, entry.record.location)).toBeLessThan(1.5);
      const response = await fetch(harness.served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders(undefined) },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { gridReport { reportNo gridId worker intakeMode intakeModeName settledOnSpot state } } } }`,
          variables: { r: [{ __typename: 'Report', channel: 'GRID', sourceId: legacy.reportNo }] },
        }),
      });
      const { data } = (await response.json()) as { data: { _entities: { gridReport: Record<string, unknown> }[] } };
      expect(data._entities[0]!.gridReport).toEqual({
        reportNo: legacy.reportNo,
        gridId: legacy.gridId,
        worker: legacy.worker,
        intakeMode: entry.record.intakeMode,
        intakeModeName: legacy.source,
        settledOnSpot: legacy.settled === 1,
        state: '处理中',
      });
    } finally {
      await harness.close();
      await simulator.close();
    }
  });
});
