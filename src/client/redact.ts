// The kit never prints or stores a password: every recorded body, URL and header goes through
// a Redactor that knows the run's secrets, and JSON `password` fields are masked by name too.

export const REDACTED = '***';

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | undefined>) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [
      ...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length > 0)),
    ].sort((a, b) => b.length - a.length);
  }

  /** Masks every known secret and every JSON `"password": "…"` value in a text. */
  text(input: string): string {
    let out = input.replace(/("password"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`);
    for (const secret of this.secrets) {
      out = out.split(secret).join(REDACTED);
      const encoded = JSON.stringify(secret).slice(1, -1);
      if (encoded !== secret) out = out.split(encoded).join(REDACTED);
    }
    return out;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers))
      out[k] = /authorization|cookie/i.test(k) ? REDACTED : this.text(v);
    return out;
  }
}
