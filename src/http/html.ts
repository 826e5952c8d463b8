// Whether a body is an HTML page (a proxy's error page, a login portal, a wrong URL), judged by the
// body itself: a Content-Type of text/html on a JSON body is a wrong header on a testable target,
// and an HTML page under application/json is still no API.

/** The first tags of an HTML page, after a BOM, whitespace, comments and an XML declaration. */
const PAGE_START =
  /^<(?:!doctype\s+html|html|head|body|title|meta|link|script|style|h[1-6]|p|div|pre|center|table|br|hr)(?=[\s>/])/i;

export function isHtmlPage(text: string): boolean {
  let rest = text.replace(/^\uFEFF/, '').trimStart();
  // Skip an XML declaration and comments, which may precede the first tag of a page.
  for (;;) {
    const skipped = rest
      .replace(/^<\?xml[\s\S]*?\?>/i, '')
      .replace(/^<!--[\s\S]*?-->/, '')
      .trimStart();
    if (skipped === rest) break;
    rest = skipped;
  }
  return PAGE_START.test(rest);
}
