// The report renderers: each a pure function of a RunReport, and the writer of the report files.
export {
  type CaseOptions,
  type ConsoleOptions,
  caseDetails,
  idWidthOf,
  renderConsole,
  renderConsoleCase,
  renderConsoleProgress,
  renderConsoleSummary,
} from './console.js';
export { renderHtml } from './html.js';
export { renderJson } from './json.js';
export { renderJUnit } from './junit.js';
export { type WrittenReports, writeReports } from './write.js';
