import { graphqlIntake } from '@huying/connector-kit';
import { describeConnectorContract, startConnectorHarness, TEST_INTAKE } from '@huying/connector-kit/testing';
import { gatewayHeaders, ManualClock, testBackends } from '@huying/runtime';
import { distanceMeters } from '@huying/schema';
import { urbanManagementService } from './service';
import { caseNoOf, caseOf, startUrbanManagementSimulator } from './simulator';

const quick = { pageSize: 5, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };

describeConnectorContract('urban-management', {
  startSimulator: (clock, { malformedEvery }) => startUrbanManagementSimulator({ clock, seed: 13, malformedEvery, meanIssueGapMs: 15 * 60_000 }),
  module: (url, intake) => urbanManagementService({ source: { ...quick, url }, intake }),
  sourceIdOf: caseNoOf,
  malformedReason: /^x\/y "","" are not coordinates$/,
  // Modified-since: the watermark is the last case's local modification time and number.
  checkpoint: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\|CG\d{8}$/,
  answered: (native) => native.status === '已结案',
  nativeQuery: 'urbanCase { status }',
  latestOnly: true,
});

describe.each(testBackends())('urban-management mapping on $kind', (backend) => {
  it('maps an XML case, converts GCJ-02 to WGS-84, and answers urbanCase', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const simulator = await startUrbanManagementSimulator({ clock, seed: 4, malformedEvery: 0 });
    clock.advance(6 * 3600_000);
    let casesUrl = '';
    const harness = await startConnectorHarness(backend, clock, urbanManagementService({ source: { ...quick, pageSize: 50, url: simulator.url }, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
    try {
      const xml = await (await fetch(`${simulator.url}/dcm/cases?rows=1`)).text();
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><response><total>\d+<\/total><cases><case><caseNo>CG/);
      await harness.service.puller!.pullOnce();
      const entry = simulator.feed.entries()[0]!;
      const legacy = caseOf(entry);
      const report = await harness.report(legacy.caseNo);
      expect(report).toMatchObject({ sourceId: legacy.caseNo, text: legacy.description, address: legacy.address, intakeMode: 'GRID_PATROL', contact: null });
      // The source sent GCJ-02 (hundreds of metres off in Wuhan); we store WGS-84 within a metre.
      expect(distanceMeters({ lng: Number(legacy.x), lat: Number(legacy.y) }, entry.record.location)).toBeGreaterThan(100);
      expect(distanceMeters(report!.location!, entry.record.location)).toBeLessThan(1);
      const response = await fetch(harness.served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders(undefined) },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { urbanCase { caseNo eventType eventTypeName majorCode majorName minorCode minorName gridCode inspector status photos } } } }`,
          variables: { r: [{ __typename: 'Report', channel: 'URBAN_MANAGEMENT', sourceId: legacy.caseNo }] },
        }),
      });
      const { data } = (await response.json()) as { data: { _entities: { urbanCase: Record<string, unknown> }[] } };
      expect(data._entities[0]!.urbanCase).toEqual({
        caseNo: legacy.caseNo,
        eventType: legacy.eventType === '部件' ? 'COMPONENT' : 'EVENT',
        eventTypeName: legacy.eventType,
        majorCode: legacy.majorCode,
        majorName: legacy.majorName,
        minorCode: legacy.minorCode,
        minorName: legacy.minorName,
        gridCode: legacy.gridCode,
        inspector: legacy.inspector,
        status: '已立案',
        photos: legacy.photos,
      });
    } finally {
      await harness.close();
      await simulator.close();
    }
  });
});
