// Latency histograms of a soak: HdrHistogram (hdr-histogram-js, its pure-JS build) of durations in
// microseconds, 3 significant digits, from 1 µs to an hour. Memory stays flat whatever the length
// of the run (a fixed set of buckets, no array of samples), and the stored form (compressed
// base64) adds without loss: merged shards give the percentiles of one histogram over all samples.
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';
import type { EncodedHistogram, Percentiles, SoakHistogram } from './types.js';

/** An hour, in microseconds: longer values are recorded as an hour (no timeout is that long). */
const HIGHEST_US = 3_600_000_000;

export function newHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records a duration given in milliseconds (fractions kept to the microsecond). */
export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
}

export function encodeHistogram(h: Histogram): EncodedHistogram {
  return { encoded: encodeIntoCompressedBase64(h), count: h.totalCount };
}

export function decodeHistogram(e: EncodedHistogram): Histogram {
  const h = newHistogram();
  if (e.count > 0) h.add(decodeFromCompressedBase64(e.encoded, 32));
  return h;
}

const ms = (us: number) => Math.round(us) / 1000;

export function percentilesOf(h: Histogram): Percentiles {
  if (h.totalCount === 0) return { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    // The bucket's highest value, as every percentile is: a histogram decoded from its stored form
    // holds no exact maximum, and the max of a merge must be the max of one histogram of all samples.
    max: ms(h.getValueAtPercentile(100)),
    mean: ms(h.mean),
  };
}

export function soakHistogram(h: Histogram): SoakHistogram {
  return { ...encodeHistogram(h), percentiles: percentilesOf(h) };
}

/** The sum of stored histograms, stored again: what a merge of shards holds. */
export function addEncoded(parts: readonly EncodedHistogram[]): SoakHistogram {
  const sum = newHistogram();
  for (const p of parts) if (p.count > 0) sum.add(decodeHistogram(p));
  return soakHistogram(sum);
}
