// The spec's time format (§1.6): `yyyy-MM-dd HH:mm:ss`, UTC+8 for domestic SMS (decision D14).
const UTC_PLUS_8_MS = 8 * 3600_000;

export function specTime(epochMs: number): string {
  return new Date(epochMs + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * specTime with the text of the last second asked for kept: the format has whole seconds, so a hot
 * path (a receiveTime per report, a stamp per messageId) formats a Date once a second, not per call.
 * One per caller: two callers asking for different seconds would keep evicting each other.
 */
export function cachedSpecTime(): (epochMs: number) => string {
  let second = Number.NaN;
  let text = '';
  return (epochMs) => {
    const s = Math.floor(epochMs / 1000);
    if (s !== second) {
      text = specTime(epochMs);
      second = s;
    }
    return text;
  };
}
