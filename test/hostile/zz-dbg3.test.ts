import { it } from 'vitest';
import { Redactor } from '../../src/client/redact.js';
import { ENCODINGS, leaksOf } from './encodings.js';
it('dbg3', () => {
  for (const pw of ['+Ω\\€J \\üé<K', 'Qé€"Zx\\+%/ ЖK😀w']) {
    const body = JSON.stringify({ account: 'acme', password: pw });
    const r = new Redactor([pw]);
    for (const [name, enc] of Object.entries(ENCODINGS)) {
      const answer = JSON.stringify({ x: enc(body) });
      const escaped = answer.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      for (const [k, s] of [['plain', answer], ['escaped', escaped]]) {
        const out = r.text(s as string);
        if (leaksOf(out, pw).length) console.log('LEAK', JSON.stringify(pw), name, k, out.slice(0, 400));
      }
    }
  }
});
