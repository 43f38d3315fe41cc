import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { closeGracefully, keepIdleConnections } from './index';

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

describe('a stopping server', () => {
  const listening = async (handler: Parameters<typeof createServer>[1]) => {
    const server = keepIdleConnections(createServer(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => {});
    return { server, socket, answer: () => answer };
  };

  it('finishes the answer under way, then closes its kept-alive connection at once', async () => {
    const { server, socket, answer } = await listening((_request, response) => setTimeout(() => response.end('done'), 300));
    try {
      socket.write('GET / HTTP/1.1\r\nHost: service\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const startedAt = Date.now();
      await closeGracefully(server, 20_000);
      await new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve)));
      expect(answer()).toMatch(/done$/);
      // begun after the stop: the client is told not to send another request on this connection
      expect(answer()).toMatch(/^connection: close$/im);
      // kept alive for 65 s otherwise, and the stopping process with it
      expect(Date.now() - startedAt).toBeLessThan(5_000);
    } finally {
      socket.destroy();
    }
  });

  it('cuts an answer that never ends after the grace', async () => {
    const { server, socket } = await listening((_request, response) => response.write('streaming'));
    try {
      socket.write('GET / HTTP/1.1\r\nHost: service\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const startedAt = Date.now();
      await closeGracefully(server, 500);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(450);
      // the client sees its connection end
      await new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve)));
    } finally {
      socket.destroy();
    }
  });
});
