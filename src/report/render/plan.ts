// The spending plan as a few lines of text: one row per family of platform cases (phones, sinks,
// total), then the total and the cases the plan skips. The CLI prints it before a run and for --plan.
import type { SpendPlan } from '../types.js';

/** `phones` and `sinks`: how many distinct numbers of each kind the profile gives. */
export function renderPlan(plan: SpendPlan, numbers: { phones: number; sinks: number }): string {
  const rows: [string, string, string, string][] = [
    ['family', 'phones', 'sinks', 'total'],
    ...plan.families.map(
      (f) =>
        [
          f.family,
          String(f.planned.phones),
          String(f.planned.sinks),
          String(f.planned.phones + f.planned.sinks),
        ] as [string, string, string, string],
    ),
    [
      'total',
      String(plan.total.phones),
      String(plan.total.sinks),
      String(plan.total.phones + plan.total.sinks),
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [
    `plan: recipients a conforming platform would accept, per case family (nothing sent): ${numbers.phones} profile phone(s), ${numbers.sinks} sink number(s), budget ${plan.limit}`,
    ...rows.map(
      ([a, b, c, d]) => `  ${a.padEnd(width)}  ${b.padStart(6)}  ${c.padStart(6)}  ${d.padStart(6)}`,
    ),
  ];
  const part = plan.shard;
  if (part) {
    const whole = part.whole.phones + part.whole.sinks;
    lines[0] = lines[0]?.replace(/^plan:/, `plan, shard ${part.index}/${part.total}:`) ?? '';
    lines.push(
      `  (shard ${part.index}/${part.total}'s part of the whole run's ${whole}: each family that spends runs whole in one shard)`,
    );
  }
  for (const s of plan.skipped) lines.push(`  skipped: ${s.id}: ${s.reason}`);
  return lines.join('\n');
}
