// The details of the cases a reader opens least (the passing, skipped and observed ones) are
// packed: their HTML, gzipped, in one base64 data block at the end of the page, which the page's
// script unpacks (DecompressionStream) when such a case is opened. The exchanges several cases
// share, the clauses they quote and the curl lines repeat a lot, so the page is a fraction of its
// unpacked size; the failed cases stay written out, readable without any script.
import { gzipSync } from 'node:zlib';

export const PACKED_ID = 'packed-bodies';

export class PackedBodies {
  private readonly bodies: string[] = [];

  /** Keeps a case's body and gives the placeholder that stands for it until it is unpacked. */
  pack(body: string): string {
    this.bodies.push(body);
    return `<div class="body" data-packed="${this.bodies.length - 1}"></div>`;
  }

  /** The data block: a JSON array of the bodies, gzipped, base64 (none when nothing was packed). */
  dataBlock(): string {
    if (this.bodies.length === 0) return '';
    const packed = gzipSync(JSON.stringify(this.bodies), { level: 9 }).toString('base64');
    return `<script type="application/octet-stream" id="${PACKED_ID}">${packed}</script>`;
  }
}
