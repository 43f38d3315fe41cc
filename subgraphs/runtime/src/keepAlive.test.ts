import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { keepIdleConnections } from './index';

describe('an idle connection to a service', () => {
  it('is kept past the client’s pooling time, and the client is told how long', async () => {
    const server = keepIdleConnections(createServer((_request, response) => response.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    try {
      let answer = '';
      let closedAt: number | undefined;
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => (closedAt = Date.now()));
      socket.write('GET / HTTP/1.1\r\nHost: service\r\n\r\n');
      while (!answer.endsWith('ok')) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(answer).toMatch(/^keep-alive: timeout=65$/im);
      // Node's own default closes it after 5 s, just as a fetch that pooled it for 4 s may reuse it
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(closedAt).toBeUndefined();
      socket.write('GET / HTTP/1.1\r\nHost: service\r\n\r\n');
      while (answer.split('ok').length < 3 && closedAt === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(answer.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    } finally {
      socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
