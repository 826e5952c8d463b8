// The CA bundle an outgoing connection trusts (src/http/trust.ts), as undici's agents use it: the
// bundle's certificates and only them, for every connection of the agent.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../src/http/self-signed.js';
import { trusting } from '../src/http/trust.js';

const ours = createSelfSignedCertificate({ commonName: 'trusted', altNames: ['127.0.0.1'] });
const theirs = createSelfSignedCertificate({ commonName: 'other', altNames: ['127.0.0.1'] });
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer({ cert: ours.cert, key: ours.key }, (_req, res) => res.end('ok'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Three requests, each on a new connection; the answers' bodies, or the first error. */
async function threeConnections(ca: string): Promise<string[]> {
  const agent = new Agent({ connect: { rejectUnauthorized: true, ...trusting(ca) } });
  try {
    const out: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(url, { dispatcher: agent, headers: { connection: 'close' } });
      out.push(await res.body.text());
    }
    return out;
  } finally {
    await agent.close();
  }
}

describe('trusting', () => {
  it('adds nothing without a bundle (the system roots apply)', () => {
    expect(trusting(undefined)).toEqual({});
    expect(trusting(null)).toEqual({});
    expect(trusting('')).toEqual({});
  });

  it("trusts the bundle's certificate on every new connection", async () => {
    expect(await threeConnections(ours.cert)).toEqual(['ok', 'ok', 'ok']);
  });

  it('trusts only the bundle: a server with another certificate is refused', async () => {
    await expect(threeConnections(theirs.cert)).rejects.toThrow(/self[- ]signed|certificate/i);
  });
});
