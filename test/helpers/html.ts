// An HTML report as its reader sees it once every case is open: the packed details of the cases
// that did not fail (src/report/render/packed-bodies.ts) put back in place. What a test looks for
// in a report (a password that must not be there, a requirement that must) is looked for in this.
import { gunzipSync } from 'node:zlib';
import { PACKED_ID } from '../../src/report/render/packed-bodies.js';

const DATA_BLOCK = new RegExp(`<script type="application/octet-stream" id="${PACKED_ID}">([^<]*)</script>`);

/** The bodies packed in a page, in the order of their placeholders. */
export function packedBodies(html: string): string[] {
  const block = DATA_BLOCK.exec(html)?.[1];
  if (block === undefined) return [];
  return JSON.parse(gunzipSync(Buffer.from(block, 'base64')).toString('utf8')) as string[];
}

/** The page with each placeholder replaced by its body and the data block left out. */
export function unpackedHtml(html: string): string {
  const bodies = packedBodies(html);
  return html
    .replace(DATA_BLOCK, '')
    .replace(/<div class="body" data-packed="(\d+)"><\/div>/g, (_placeholder, index: string) => {
      const body = bodies[Number(index)];
      if (body === undefined) throw new Error(`the page packs no body ${index}`);
      return body;
    });
}
