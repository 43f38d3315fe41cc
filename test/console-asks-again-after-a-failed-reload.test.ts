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

/** A live page whose reload fails once (a busy gateway) keeps its answer and its subscription, and asks again. */
describe.each(testBackends())('the console’s alerts page on $kind', (backend) => {
  let under: HubUnderTest;
  beforeAll(async () => (under = await startTestHub(backend)));
  afterAll(() => under.stop());

  it('shows an alert whose first reload failed, without a reload by hand', async () => {
    const lamp = lampBurstReports('RETRY-LAMP');
    expect((await graphql(under.hub.url, 'mutation ($r: [ReportInput!]!) { submitReports(reports: $r) { outcome } }', { r: lamp }, COMMAND_CENTRE)).errors).toBeUndefined();
    await eventually(async () => readModelCaughtUp(under.db), 'analytics to hold every report and dispatch to place every case');

    const { browser, close } = await openChromium();
    try {
      const page = await browser.newPage();
      let subscribed = false;
      await page.routeWebSocket(/\/graphql$/, (socket) => {
        const gateway = socket.connectToServer();
        socket.onMessage((message) => {
          gateway.send(message);
          if (typeof message === 'string' && message.includes('"subscribe"')) subscribed = true;
        });
      });
      // Once armed, the page's next ask for its alert list is answered as a gateway under load might.
      let armed = false;
      let failed = 0;
      await page.route(/\/graphql$/, async (route) => {
        if (armed && route.request().method() === 'POST' && (route.request().postData() ?? '').includes('query Alerts')) {
          armed = false;
          failed += 1;
          await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: '服务繁忙，请稍后再试', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }) });
          return;
        }
        await route.continue();
      });
      await signInToConsole(page, under.hub.gateway.base, COMMAND_CENTRE.authorization!.replace(/^Bearer /, ''));
      await openEmptyAlertsPage(page, under.hub.gateway.base);
      await eventually(() => subscribed || undefined, 'the page to subscribe');
      armed = true;

      const alertId = await scannedAlertId(under.hub.url, under.db);
      // The change the subscription sent made the page ask again; that ask failed, and the next one shows it.
      await page.waitForSelector(`[data-alert="${alertId}"]`);
      expect(failed).toBe(1);
    } finally {
      await close();
    }
  });
});
