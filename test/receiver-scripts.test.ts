// The receiver answers a scripted case's own pushes as scripted and every other push as usual, so
// a retry case can measure beside cases that make the platform push reports of their own.
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackReceiver } from '../src/receiver/receiver.js';

let receiver: CallbackReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function push(url: string, body: unknown): Promise<number> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.body.text();
  return res.statusCode;
}

describe('the callback receiver, scripted', () => {
  it('answers only the pushes the script picks; the others get the default answer', async () => {
    receiver = await CallbackReceiver.start('127.0.0.1:0', null);
    const drop = receiver.answerNext(
      'report',
      [
        { status: 500, body: '{}' },
        { status: 503, body: '{}' },
      ],
      (json) => (json as { requestId?: string }).requestId === 'mine',
    );
    expect(await push(receiver.reportUrl, { requestId: 'other', messageId: '1' })).toBe(200);
    expect(await push(receiver.reportUrl, { requestId: 'mine', messageId: '2' })).toBe(500);
    expect(await push(receiver.uplinkUrl, { requestId: 'mine' })).toBe(200);
    expect(await push(receiver.reportUrl, { requestId: 'other', messageId: '3' })).toBe(200);
    drop();
    expect(await push(receiver.reportUrl, { requestId: 'mine', messageId: '4' })).toBe(200);
    expect(receiver.pushes.map((p) => p.answeredWith.status ?? 200)).toEqual([200, 500, 200, 200, 200]);
  });

  it('without a filter, answers the next pushes of the kind, as before', async () => {
    receiver = await CallbackReceiver.start('127.0.0.1:0', null);
    receiver.answerNext('report', [{ status: 500, body: '{}' }]);
    expect(await push(receiver.reportUrl, { requestId: 'any' })).toBe(500);
    expect(await push(receiver.reportUrl, { requestId: 'any' })).toBe(200);
  });
});

describe('the callback receiver, waiting', () => {
  it('stops judging the pushes for a wait that is over, whether it was met or timed out', async () => {
    receiver = await CallbackReceiver.start('127.0.0.1:0', null);
    let metCalls = 0;
    let timedOutCalls = 0;
    const met = receiver.waitFor(() => ++metCalls > 1, 60_000);
    const timedOut = receiver.waitFor(() => {
      timedOutCalls++;
      return false;
    }, 20);
    await new Promise((done) => setTimeout(done, 40));
    expect(await push(receiver.reportUrl, { requestId: 'first' })).toBe(200);
    await met;
    await timedOut;
    const after = { metCalls, timedOutCalls };
    // Later pushes: neither condition is asked again (the met wait had 60 s left).
    expect(await push(receiver.reportUrl, { requestId: 'second' })).toBe(200);
    expect(await push(receiver.reportUrl, { requestId: 'third' })).toBe(200);
    expect({ metCalls, timedOutCalls }).toEqual(after);
    expect(after).toEqual({ metCalls: 2, timedOutCalls: 1 });
  });
});
