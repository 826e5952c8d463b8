// What the kit keeps of a message it received, an answer (src/client/http.ts) or a push
// (src/receiver/receiver.ts): its headers as one string each, its body parsed when it is JSON.

/** Node's headers with each repeated header joined into one value, as the exchange records them. */
export function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The body's JSON value, when it parses; otherwise only that it did not (the case judges the text). */
export function parsedJson(
  text: string,
): { isJson: true; json: unknown } | { isJson: false; json?: undefined } {
  try {
    return { isJson: true, json: JSON.parse(text) };
  } catch {
    return { isJson: false };
  }
}
