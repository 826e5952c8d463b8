// A soak's report and events as anything outside the engine gets them: the run's secrets masked
// wherever text could hold one (the command, the targets, the findings' words, the notes), and the
// secrets themselves left out of the events. The same OutputMask as the conformance reports.
import type { SoakEvent } from '../../../soak/options.js';
import type { SoakReport } from '../../../soak/types.js';
import type { OutputMask } from '../mask.js';

export function maskSoakReport(mask: OutputMask, report: SoakReport): SoakReport {
  const text = (s: string) => mask.text(s);
  return {
    ...report,
    command: text(report.command),
    targets: Object.fromEntries(Object.entries(report.targets).map(([k, v]) => [k, text(v)])),
    findings: report.findings.map((f) => ({
      ...f,
      first: {
        message: text(f.first.message),
        ...(f.first.expected !== undefined ? { expected: text(f.first.expected) } : {}),
        ...(f.first.actual !== undefined ? { actual: text(f.first.actual) } : {}),
      },
    })),
    ...(report.interrupted !== undefined ? { interrupted: text(report.interrupted) } : {}),
    notes: [
      ...report.notes.map(text),
      ...(mask.note && !report.notes.includes(mask.note) ? [mask.note] : []),
    ],
  };
}

export function maskSoakEvent(mask: OutputMask, event: SoakEvent): SoakEvent {
  switch (event.type) {
    case 'soak-started': {
      const { secrets: _secrets, ...rest } = event;
      return {
        ...rest,
        targets: Object.fromEntries(Object.entries(rest.targets).map(([k, v]) => [k, mask.text(v)])),
      };
    }
    case 'note':
      return { ...event, text: mask.text(event.text) };
    case 'soak-finished':
      return { ...event, report: maskSoakReport(mask, event.report) };
    default:
      return event;
  }
}
