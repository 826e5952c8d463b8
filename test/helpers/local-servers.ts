// Local HTTP servers for tests of what the kit does with a target: where one listens, and a port
// where nothing does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on a free port of 127.0.0.1 and gives the server's `http://` base URL. */
export async function listenLocal(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The URL of a port that was free a moment ago and is closed now: a connection is refused. */
export async function closedPortUrl(): Promise<string> {
  const closed = createServer();
  const url = await listenLocal(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return url;
}
