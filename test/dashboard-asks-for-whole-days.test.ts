import { testBackends } from '@huying/runtime';
import { openChromium } from './support/chromium';
import { startTestHub } from './support/hub';
import { asOperator } from './support/operators';

describe('the command-centre dashboard, opened without a period', () => {
  it('asks for 近30日: today and the 29 whole Beijing days before it, up to the next 5 seconds', async () => {
    const under = await startTestHub(testBackends()[0]!);
    let closeBrowser = async () => {};
    try {
      const { browser, close } = await openChromium();
      closeBrowser = close;
      const page = await browser.newPage();
      // 10:30:01.5 in Beijing
      await page.clock.setFixedTime(new Date('2026-11-20T02:30:01.500Z'));
      const asked: unknown[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname !== '/graphql') return;
        const variables = url.searchParams.get('variables') ?? (JSON.parse(request.postData() ?? '{}') as { variables?: unknown }).variables;
        asked.push(typeof variables === 'string' ? JSON.parse(variables) : variables);
      });
      await page.goto(`${under.hub.gateway.base}/dashboard?refresh=600`);
      await page.waitForSelector('#signin:not([hidden])');
      await page.fill('#token', asOperator('COMMAND_CENTRE').authorization!.replace(/^Bearer /, ''));
      await page.click('#signin button');
      await page.waitForSelector('body[data-refreshed]');
      expect(asked).toContainEqual({ from: '2026-10-21T16:00:00.000Z', to: '2026-11-20T02:30:05.000Z' });
      expect(await page.textContent('#period')).toBe('2026-10-22 00:00 至 2026-11-20 10:30');
    } finally {
      await closeBrowser();
      await under.stop();
    }
  });
});
