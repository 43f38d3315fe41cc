import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * What a deployment's load balancer does in front of a service's replicas (HAProxy, a cloud balancer, a
 * Kubernetes Service), reduced to what the fault test needs: each connection goes to the next replica in
 * turn, and to the one after when a replica refuses it (killed, not yet restarted).
 */
export interface TcpBalancer {
  /** `http://127.0.0.1:<port>`: the one address the service's callers know. */
  base: string;
  /** The replicas' ports, as they are now. */
  setTargets(ports: readonly number[]): void;
  close(): Promise<void>;
}

export async function startTcpBalancer(): Promise<TcpBalancer> {
  let targets: number[] = [];
  let next = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const tryTarget = (attempt: number) => {
      if (attempt >= targets.length) return void client.destroy();
      const port = targets[next++ % targets.length]!;
      const upstream = connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.once('close', () => open.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (upstream.connecting || error.code === 'ECONNREFUSED') tryTarget(attempt + 1);
      });
    };
    tryTarget(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    base: `http://127.0.0.1:${port}`,
    setTargets: (ports) => void (targets = [...ports]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
