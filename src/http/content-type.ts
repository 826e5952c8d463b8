// Media type checks. The spec (§1.5) has clients send `application/json;charset=UTF-8`; the mocks
// also accept `application/json` without a charset (decision D16), but no other charset.

/** The Content-Type every answer and every push of the mocks carries (§1.5). */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** True for `application/json`, with or without a UTF-8 charset, in any letter case. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  // The value nearly every client sends: answered without parsing.
  if (header === JSON_CONTENT_TYPE) return true;
  const [mediaType = '', ...parameters] = header.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return false;
  }
  return true;
}
