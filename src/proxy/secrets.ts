// The secret book: the passwords the customer's requests carried, so that whatever the proxy stores
// or reports masks them wherever they recur (headers, URLs, other bodies). Bounded: past 100 the
// oldest is forgotten first.
import { Redactor } from '../client/redact.js';

const MAX_SECRETS = 100;

export class SecretBook {
  private readonly secrets = new Set<string>();
  private current = new Redactor([]);

  /** Learns the `password` of a parsed request body, if it has a non-empty string one. */
  learn(value: unknown): void {
    const password = (value as { password?: unknown } | null)?.password;
    if (typeof password !== 'string' || password === '' || this.secrets.has(password)) return;
    if (this.secrets.size >= MAX_SECRETS) this.secrets.delete(this.secrets.values().next().value as string);
    this.secrets.add(password);
    this.current = new Redactor(this.secrets);
  }

  /** The redactor that knows every password learned so far. */
  redactor(): Redactor {
    return this.current;
  }
}
