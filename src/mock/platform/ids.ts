// Generated messageIds (§5.5, D19): unique per recipient, at most the schema's length. Digits, like
// the real ones seen in the wild: a yyMMddHHmmss stamp (UTC+8), a per-server random part, a counter.
import { randomInt } from 'node:crypto';
import { cachedSpecTime } from '../spec-time.js';

export function createMessageIdGenerator(maxLength: number): () => string {
  const instance = String(randomInt(10_000)).padStart(4, '0');
  let counter = 0;
  const timeOf = cachedSpecTime();
  // The stamp changes once a second: its digits are kept for the second they were made in.
  let stampTime = '';
  let stamp = '';
  return () => {
    counter++;
    const time = timeOf(Date.now());
    if (time !== stampTime) {
      stamp = time.replace(/\D/g, '').slice(2);
      stampTime = time;
    }
    const id = `${stamp}${instance}${String(counter).padStart(8, '0')}`;
    // Too long for the limit: keep the end, where the counter makes it unique.
    return id.length <= maxLength ? id : id.slice(id.length - maxLength);
  };
}
