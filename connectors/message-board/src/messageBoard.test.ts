import { graphqlIntake } from '@huying/connector-kit';
import { describeConnectorContract, startConnectorHarness, TEST_INTAKE } from '@huying/connector-kit/testing';
import { gatewayHeaders, ManualClock, testBackends } from '@huying/runtime';
import { messageBoardService } from './service';
import { postOf, startMessageBoardSimulator } from './simulator';

const quick = { pageSize: 5, ratePerSecond: 1000, backoff: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 } };

describeConnectorContract('message-board', {
  startSimulator: (clock, { malformedEvery }) => startMessageBoardSimulator({ clock, seed: 12, malformedEvery, meanIssueGapMs: 15 * 60_000 }),
  module: (url, intake) => messageBoardService({ source: { ...quick, url }, intake }),
  sourceIdOf: (entry) => postOf(entry).post_id,
  malformedReason: /^text must not be empty$/,
  // The board's cursor is opaque: no page number, no offset in sight.
  checkpoint: /^[A-Za-z0-9_-]+$/,
  answered: (native) => (native.reply as { text?: string } | null)?.text !== undefined,
  nativeQuery: 'boardPost { reply { text } }',
});

describe.each(testBackends())('message-board mapping on $kind', (backend) => {
  it('maps every field of a post and its published reply, and answers boardPost', async () => {
    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const simulator = await startMessageBoardSimulator({ clock, seed: 5, malformedEvery: 0 });
    clock.advance(5 * 24 * 3600_000);
    let casesUrl = '';
    const harness = await startConnectorHarness(backend, clock, messageBoardService({ source: { ...quick, pageSize: 50, url: simulator.url }, intake: graphqlIntake(() => casesUrl, TEST_INTAKE) }));
    casesUrl = harness.casesUrl;
    try {
      await harness.service.puller!.pullOnce();
      const entry = simulator.feed.entries().find((candidate) => candidate.version === 2)!;
      const post = postOf(entry);
      const report = await harness.report(post.post_id);
      expect(report).toMatchObject({ sourceId: post.post_id, title: post.title, text: post.content, address: null, location: null, contact: null, intakeMode: 'ONLINE' });
      // Minutes in Beijing time: 08:30 local is 00:30 UTC.
      expect(new Date(report!.receivedAt).getTime()).toBe(Math.floor(entry.record.reportedAt.getTime() / 60_000) * 60_000);

      const response = await fetch(harness.served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders(undefined) },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { boardPost { postId title postedAt nickname likes status reply { department text repliedAt } } } } }`,
          variables: { r: [{ __typename: 'Report', channel: 'MESSAGE_BOARD', sourceId: post.post_id }, { __typename: 'Report', channel: 'HOTLINE', sourceId: post.post_id }] },
        }),
      });
      const { data } = (await response.json()) as { data: { _entities: { boardPost: Record<string, unknown> | null }[] } };
      expect(data._entities[0]!.boardPost).toEqual({
        postId: post.post_id,
        title: post.title,
        postedAt: report!.receivedAt,
        nickname: post.nickname,
        likes: post.likes,
        status: '已回复',
        reply: { department: post.reply!.dept, text: post.reply!.content, repliedAt: new Date(Math.floor(entry.at.getTime() / 60_000) * 60_000).toISOString() },
      });
      expect(data._entities[1]!.boardPost).toBeNull();
    } finally {
      await harness.close();
      await simulator.close();
    }
  });
});
