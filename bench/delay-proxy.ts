/**
 * A TCP proxy on 127.0.0.1 that holds every chunk `delayMs` in each direction, in order: a database that far away
 * (a round trip of 2 × `delayMs` more), for the bench's PostgreSQL run with `BENCH_PG_DELAY_MS`. Node's timers
 * count whole milliseconds, so the delay is at least 1 ms each way.
 */
import net from 'node:net';

export interface DelayProxy {
  port: number;
  close(): Promise<void>;
}

export async function startDelayProxy(
  target: { host: string; port: number },
  delayMs: number,
): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) => {
    const queue: [due: number, chunk: Buffer][] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]![0] <= now) to.write(queue.shift()![1]);
      if (queue.length > 0) timer = setTimeout(flush, queue[0]![0] - now);
    };
    from.on('data', (chunk: Buffer) => {
      queue.push([performance.now() + delayMs, chunk]);
      timer ??= setTimeout(flush, delayMs);
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
