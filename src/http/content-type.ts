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

/**
 * Why `header` is not the Content-Type §1.5 requires of every message, requests, pushes and
 * answers alike ("所有接口消息头必须要带Content-Type:application/json;charset=UTF-8", D16), or
 * undefined when it is. Media type, parameter name and charset are compared case-insensitively,
 * whitespace around them ignored (RFC 9110 §8.3.1); the charset must be UTF-8 itself.
 */
export function specContentTypeProblem(header: string | undefined): string | undefined {
  if (!header?.trim()) return 'no Content-Type';
  const [mediaType = '', ...parameters] = header.split(';');
  const type = mediaType.trim().toLowerCase();
  if (type !== 'application/json') return `media type ${type || '(none)'}, not application/json`;
  const charsets = parameters
    .map((p) => p.split('='))
    .filter(([name = '']) => name.trim().toLowerCase() === 'charset')
    .map(([, value = '']) =>
      value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim()
        .toLowerCase(),
    );
  if (charsets.length === 0) return 'application/json without charset=UTF-8';
  const other = charsets.filter((c) => c !== 'utf-8');
  return other.length > 0 ? `charset ${other.join(', ')}, not UTF-8` : undefined;
}
