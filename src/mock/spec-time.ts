// The spec's time format (§1.6): `yyyy-MM-dd HH:mm:ss`, UTC+8 for domestic SMS (decision D14).
const UTC_PLUS_8_MS = 8 * 3600_000;

export function specTime(epochMs: number): string {
  return new Date(epochMs + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ');
}
