// The document the suites test, stated once: its title, version and date as its cover gives them
// (文档版本 1.5, 发布日期 2024-04-08). The reports say what they were run against with it
// (RunReport.provenance.spec).

export interface SpecDocument {
  title: string;
  /** As the cover numbers it: `1.5`. */
  version: string;
  /** 发布日期 on the cover. */
  date: string;
}

export const SPEC_DOCUMENT: SpecDocument = {
  title: 'IoT 云通信 API 参考',
  version: '1.5',
  date: '2024-04-08',
};

/** `IoT 云通信 API 参考 v1.5 (2024-04-08)`: how a report names it. */
export function specLine(spec: SpecDocument = SPEC_DOCUMENT): string {
  return `${spec.title} v${spec.version} (${spec.date})`;
}
