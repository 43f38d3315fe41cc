import { testBackends } from '@huying/runtime';
import { scannedAlertId } from './support/alerts';
import { openChromium } from './support/chromium';
import { openEmptyAlertsPage, signInToConsole } from './support/console';
import { eventually } from './support/eventually';
import { graphql } from './support/graphql';
import { lampBurstReports } from './support/lampBurst';
import { readModelCaughtUp } from './support/readModel';
import { startTestHub, type HubUnderTest } from './support/hub';
import { asOperator } from './support/operators';

const COMMAND_CENTRE = asOperator('COMMAND_CENTRE');

/** A live page whose subscription dies under it (closed as unauthorised: graphql-ws gives up at once) follows it again. */
describe.each(testBackends())('the console’s alerts page on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('still shows an alert filed after its first subscription was closed, without a reload', async () => {
    const lamp = lampBurstReports('LIVE-LAMP');
    expect((await graphql(under.hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: lamp }, COMMAND_CENTRE)).errors).toBeUndefined();
    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report and dispatch to place every case');

    const { browser, close } = await openChromium();
    try {
      const page = await browser.newPage();
      let subscriptions = 0;
      let firstClosed = false;
      // Every socket reaches the gateway; the first is closed under the page once its subscription is under way.
      await page.routeWebSocket(/\/graphql$/, (socket) => {
        const gateway = socket.connectToServer();
        socket.onMessage((message) => {
          gateway.send(message);
          if (typeof message !== 'string' || !message.includes('"subscribe"')) return;
          subscriptions += 1;
          if (subscriptions === 1) {
            setTimeout(() => {
              void socket.close({ code: 4401, reason: 'Unauthorized' });
              firstClosed = true;
            }, 300);
          }
        });
      });
      await signInToConsole(page, under.hub.gateway.base, COMMAND_CENTRE.authorization!.replace(/^Bearer /, ''));
      await openEmptyAlertsPage(page, under.hub.gateway.base);
      await eventually(() => firstClosed || undefined, 'the first subscription to be closed under the page');
      // the page asked again when it lost it; what follows can reach it only by the subscription it opens again
      await eventually(() => subscriptions >= 2 || undefined, 'the page to subscribe again', 15_000);

      const alertId = await scannedAlertId(under.hub.url, under.db);
      await page.waitForSelector(`[data-alert="${alertId}"]`);
    } finally {
      await close();
    }
  });
});
