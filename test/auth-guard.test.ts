// The account-lockout guard on its own: which bodies carry wrong credentials, that each is counted
// when admitted (before it is sent), and that past the cap one is refused and never counted as sent.
import { describe, expect, it } from 'vitest';
import { AuthFaultGuard } from '../src/client/auth-guard.js';
import { SafetyRefusal } from '../src/client/budget.js';

const OWN = [
  { account: 'acme', password: 'pw-1' },
  { account: 'other', password: 'pw-2' },
];

describe('AuthFaultGuard', () => {
  it('counts only bodies whose credentials are no profile account', () => {
    const guard = new AuthFaultGuard(10, OWN);
    guard.admit({ account: 'acme', password: 'pw-1' });
    guard.admit({ account: 'other', password: 'pw-2' });
    guard.admit('not json');
    guard.admit([{ account: 'x' }]);
    guard.admit(null);
    expect(guard.sent).toBe(0);
    guard.admit({ account: 'acme', password: 'pw-2' }); // another account's password
    guard.admit('{"account":"acme","password":"wrong"}'); // a raw body, as parsed
    guard.admit({ password: 'pw-1' }); // no account
    expect(guard.sent).toBe(3);
    expect(guard.refused).toBe(0);
  });

  it('admits up to the cap, then refuses without counting the refused ones as sent', () => {
    const guard = new AuthFaultGuard(2, OWN);
    const wrong = { account: 'acme', password: 'wrong' };
    guard.admit(wrong);
    guard.admit(wrong);
    expect(() => guard.admit(wrong)).toThrow(SafetyRefusal);
    expect(() => guard.admit(wrong)).toThrow(/already sent 2 request\(s\) with wrong credentials/);
    expect(guard.sent).toBe(2);
    expect(guard.refused).toBe(2);
    // The profile's own credentials still go through.
    guard.admit({ account: 'acme', password: 'pw-1' });
    expect(guard.sent).toBe(2);
  });

  it('a cap of 0 admits no request with wrong credentials', () => {
    const guard = new AuthFaultGuard(0, OWN);
    expect(() => guard.admit({ account: 'nobody', password: 'x' })).toThrow(SafetyRefusal);
    expect(guard.sent).toBe(0);
    expect(guard.refused).toBe(1);
  });
});
