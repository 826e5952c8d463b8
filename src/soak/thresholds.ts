// The gates of a soak: each threshold asked for (or by default) against what was measured, with
// one line saying why it held or not. A soak passes when every gate holds and it ran to its end.
import type { SoakThresholds } from './options.js';
import type {
  DeliveryAccounting,
  SoakRuleFindings,
  SoakSide,
  SoakThreshold,
  ThresholdName,
} from './types.js';

export interface Measured {
  side: SoakSide;
  p99Ms: number;
  errorRate: number;
  completed: number;
  findings: readonly SoakRuleFindings[];
  accounting?: DeliveryAccounting;
}

const pct = (share: number) => `${Number((share * 100).toFixed(3))}%`;
const ms = (value: number) => `${Number(value.toFixed(3))} ms`;

function gate(
  name: ThresholdName,
  limit: number | null,
  actual: number,
  shown: (n: number) => string,
  what: string,
): SoakThreshold {
  const passed = limit === null || actual <= limit;
  const why =
    limit === null
      ? `${what} ${shown(actual)} (no limit set)`
      : `${what} ${shown(actual)} ${passed ? '≤' : '>'} ${shown(limit)}`;
  return { name, limit, actual, passed, why };
}

/** The soak's gates: p99, error rate, for the platform lost, late and duplicated pairs, and MUST findings. */
export function judgeThresholds(t: SoakThresholds, m: Measured): SoakThreshold[] {
  const gates = [
    gate('max-p99-ms', t.maxP99Ms ?? null, m.p99Ms, ms, 'p99 answer latency'),
    gate(
      'max-error-rate',
      t.maxErrorRate ?? null,
      m.errorRate,
      pct,
      `error rate (of ${m.completed} exchanges)`,
    ),
  ];
  if (m.accounting) {
    gates.push(
      gate('max-lost', t.maxLost ?? 0, m.accounting.lost, String, 'pairs whose status report never came:'),
      gate(
        'max-late',
        t.maxLate ?? 0,
        m.accounting.late,
        String,
        `pairs whose first report came after statusReportWaitMs (${m.accounting.waitMs} ms):`,
      ),
      gate(
        'max-duplicates',
        t.maxDuplicates ?? 0,
        m.accounting.duplicated,
        String,
        'pairs reported more than once:',
      ),
    );
  }
  const must = m.findings.filter((f) => f.level === 'MUST');
  const broken = must.reduce((n, f) => n + f.exchanges, 0);
  gates.push({
    name: 'must-findings',
    limit: 0,
    actual: broken,
    passed: broken === 0,
    why:
      broken === 0
        ? 'no MUST rule broken'
        : `MUST rules broken: ${must.map((f) => `${f.rule.id} (${f.exchanges})`).join(', ')}`,
  });
  return gates;
}
