// §3 / §4: a customer endpoint acknowledges every legitimate push with resultCode "0" — minimal
// and maximal pushes, every field at its limit, every §5.2 status and others (D1), the whole
// smsCount range (D4), 140 characters of Chinese, ASCII and emoji (D7), each §1.4 number form.
// Every push is derived from the schemas (messages.ts), none typed in by hand but the spec's own.
import { SPEC_TIME_LENGTH } from '../../arbitraries/spec-time.js';
import type { Case } from '../../cases/case.js';
import type { CaseLevel } from '../../cases/types.js';
import { codeRow, tableRow, WORDS } from '../../rules/index.js';
import type { Constraint } from '../../schema/constraints.js';
import { boundaryMessage, withValueAt } from '../../schema/instances.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { limitKey } from '../../spec/coverage-keys.js';
import { expectAcknowledged } from './checks.js';
import {
  type CustomerContext,
  customerCase,
  needsUrl,
  PUSH_CLAUSE,
  PUSH_KINDS,
  PUSH_MESSAGE,
  type PushKind,
  push,
} from './context.js';
import {
  isTimeLength,
  knownStatuses,
  limitPush,
  maximalPush,
  minimalPush,
  mobileForms,
  optionalFields,
  type Push,
  pushLimits,
  SPEC_REPORT_EXAMPLE,
  SPEC_UPLINK_EXAMPLE,
} from './messages.js';

/** The answer tables every acceptance case also exercises, and the code it expects. */
const ANSWER = ['§3 table 3-3 / §4 table 4-3', 'code:0'];

/** A status §5.2 does not list ("other values exist"): the form Chinese carriers use for errors. */
const OTHER_STATUS = 'MK:0001';

interface AcceptSpec {
  id: string;
  to: PushKind;
  clause: string;
  level?: CaseLevel;
  title: string;
  decisions?: (string | undefined)[];
  /** The original's words that compel a MUST that cites a decision. */
  words?: string[];
  covers?: string[];
  body: () => Push;
}

function acceptCase(s: AcceptSpec): Case<CustomerContext> {
  const decisions = [...new Set(s.decisions?.filter((d): d is string => d !== undefined) ?? [])];
  return customerCase({
    id: s.id,
    clause: s.clause,
    level: s.level ?? 'MUST',
    title: s.title,
    ...(decisions.length > 0 ? { decisions } : {}),
    ...(s.words ? { words: s.words } : {}),
    covers: [...new Set([PUSH_CLAUSE[s.to], ...ANSWER, ...(s.covers ?? [])])].filter((k) => k !== s.clause),
    skipUnless: needsUrl(s.to),
    async run(ctx, t) {
      expectAcknowledged(t, await push(ctx, t, s.to, s.body()));
    },
  });
}

/** The decisions behind a field's limit: the limit's own, the field's SHOULD reading (D12, D14), D24 for a time. */
function limitDecisions(c: Constraint): (string | undefined)[] {
  const node = nodeAt(messageSchema(c.message), c.path);
  return [c.decision, node?.['x-should']?.['x-decision'], isTimeLength(c) ? 'D24' : undefined];
}

function limitCase(to: PushKind, c: Constraint): Case<CustomerContext> {
  const where = c.path.join('.');
  const a = to === 'uplink' ? 'an' : 'a';
  // A time field's table length (20, 36) is more than any §1.6 time needs: the case pushes the
  // longest time there is, 19 characters, and never a value that is no time (D24).
  const title = isTimeLength(c)
    ? `${a} ${to} with ${where} at its longest valid value, a §1.6 time of ${SPEC_TIME_LENGTH} characters (table limit ${String(c.limit)}), is acknowledged`
    : `${a} ${to} with ${where} at its ${c.keyword} ${String(c.limit)} is acknowledged`;
  // The tables give a 最大长度, never a minimum: a minimum of the schemas is a decision's reading
  // alone (D4: smsCount from 0), so its case is SHOULD. A maximum is the table row's own words.
  const reading = c.keyword === 'minimum';
  return acceptCase({
    id: `customer.${to}.limit.${where}.${c.keyword}`,
    to,
    clause: c.clause,
    ...(reading ? { level: 'SHOULD' as const } : {}),
    title,
    decisions: limitDecisions(c),
    ...(reading
      ? {}
      : { words: [tableRow(c.message, c.path), ...(isTimeLength(c) ? [WORDS.timeFormat] : [])] }),
    covers: [limitKey(c)],
    body: () => limitPush(c),
  });
}

function casesFor(to: PushKind): Case<CustomerContext>[] {
  const message = PUSH_MESSAGE[to];
  const cases: Case<CustomerContext>[] = [
    acceptCase({
      id: `customer.${to}.minimal`,
      to,
      clause: PUSH_CLAUSE[to],
      title: `${to === 'uplink' ? 'an' : 'a'} ${to} with the required fields only is acknowledged with "0"`,
      body: () => minimalPush(to),
    }),
    acceptCase({
      id: `customer.${to}.maximal`,
      to,
      clause: PUSH_CLAUSE[to],
      title: `${to === 'uplink' ? 'an' : 'a'} ${to} with every optional field of the table is acknowledged with "0"`,
      body: () => maximalPush(to),
    }),
    ...optionalFields(to).map((field) =>
      acceptCase({
        id: `customer.${to}.optional-absent.${field}`,
        to,
        clause: nodeAt(messageSchema(message), [field])?.['x-spec'] ?? PUSH_CLAUSE[to],
        title: `${to === 'uplink' ? 'an' : 'a'} ${to} with every optional field but ${field} is acknowledged`,
        body: () => withValueAt(message, maximalPush(to), [field], undefined),
      }),
    ),
    ...pushLimits(to).map((c) => limitCase(to, c)),
  ];
  const { countryCode, domestic } = mobileForms(to);
  cases.push(
    acceptCase({
      id: `customer.${to}.mobile.country-code`,
      to,
      clause: '§1.4 mobile numbers',
      title: `${to === 'uplink' ? 'an' : 'a'} ${to} from a number with its country code (${countryCode}) is acknowledged`,
      body: () => withValueAt(message, minimalPush(to), ['mobile'], countryCode),
    }),
    acceptCase({
      id: `customer.${to}.mobile.domestic`,
      to,
      clause: '§1.4 mobile numbers',
      title: `${to === 'uplink' ? 'an' : 'a'} ${to} from a domestic number without country code (${domestic}) is acknowledged`,
      body: () => withValueAt(message, minimalPush(to), ['mobile'], domestic),
    }),
    // D12: real reports carry `+2349139355965`; the spec neither allows nor forbids the `+`.
    acceptCase({
      id: `customer.${to}.mobile.plus`,
      to,
      clause: '§1.4 mobile numbers',
      level: 'SHOULD',
      title: `${to === 'uplink' ? 'an' : 'a'} ${to} from a number with a leading + (+${countryCode}) is acknowledged`,
      decisions: ['D12'],
      body: () => withValueAt(message, minimalPush(to), ['mobile'], `+${countryCode}`),
    }),
  );
  return cases;
}

function uplinkContentCases(): Case<CustomerContext>[] {
  const content = pushLimits('uplink').find(
    (c) => c.path.join('.') === 'content' && c.keyword === 'maxLength',
  );
  if (!content) throw new Error('NotifySmsMessageRequest.content has no maxLength');
  const n = String(content.limit);
  return [
    acceptCase({
      id: 'customer.uplink.spec-example',
      to: 'uplink',
      clause: '§3 notifySmsMessage',
      title: "the spec's own uplink example is acknowledged",
      body: () => ({ ...SPEC_UPLINK_EXAMPLE }),
    }),
    // The ASCII variant is customer.uplink.limit.content.maxLength (MUST); Chinese is one code
    // point, one UTF-16 unit and three UTF-8 bytes per character: only a count in bytes rejects
    // it, and D7 does not hold such a count wrong: SHOULD.
    acceptCase({
      id: 'customer.uplink.content.cjk-at-limit',
      to: 'uplink',
      clause: content.clause,
      level: 'SHOULD',
      title: `content of ${n} Chinese characters (code points, D7) is acknowledged`,
      decisions: ['D7'],
      covers: [limitKey(content)],
      body: () => boundaryMessage(content, false, '短'),
    }),
    // D7: outside the BMP an emoji is 2 UTF-16 units, so a Java endpoint may count 280: SHOULD.
    acceptCase({
      id: 'customer.uplink.content.emoji-at-limit',
      to: 'uplink',
      clause: content.clause,
      level: 'SHOULD',
      title: `content of ${n} emoji outside the BMP (code points, D7) is acknowledged`,
      decisions: ['D7'],
      covers: [limitKey(content)],
      body: () => boundaryMessage(content, false, '😀'),
    }),
  ];
}

function reportStatusCases(): Case<CustomerContext>[] {
  const known = knownStatuses();
  if (OTHER_STATUS in known)
    throw new Error(`${OTHER_STATUS} is a §5.2 code now; pick another "other value"`);
  const withStatus = (status: string) => () =>
    withValueAt('NotifyReportMessageRequest', minimalPush('report'), ['status'], status);
  const statusCase = (status: string, title: string, words: string[], body = withStatus(status)) =>
    acceptCase({
      id: `customer.report.status.${status}`,
      to: 'report',
      clause: '§5.2 status codes',
      title,
      decisions: ['D1'],
      words,
      covers: ['§4 NotifyReportMessageRequest.status'],
      body,
    });
  const smsCount = nodeAt(messageSchema('NotifyReportMessageRequest'), ['smsCount']);
  // The limits give 0 and 99 (D4); one part is what nearly every report carries.
  const typical = Math.min(smsCount?.maximum ?? 1, (smsCount?.minimum ?? 0) + 1);
  return [
    ...Object.entries(known).map(([status, meaning]) =>
      statusCase(status, `a report with status ${status} (§5.2: ${meaning.split(' (')[0]}) is acknowledged`, [
        codeRow(status, meaning),
      ]),
    ),
    statusCase(
      'DELIVED',
      "the spec's own §4 example, status DELIVED (D1), is acknowledged",
      [WORDS.otherStatus],
      () => ({ ...SPEC_REPORT_EXAMPLE }),
    ),
    acceptCase({
      id: 'customer.report.status.other',
      to: 'report',
      clause: '§5.2 status codes',
      title: `a report with a status §5.2 does not list (${OTHER_STATUS}; "other values") is acknowledged`,
      decisions: ['D1'],
      words: [WORDS.otherStatus],
      covers: ['§4 NotifyReportMessageRequest.status'],
      body: withStatus(OTHER_STATUS),
    }),
    acceptCase({
      id: 'customer.report.smsCount.typical',
      to: 'report',
      clause: '§4 NotifyReportMessageRequest.smsCount',
      title: `a report with smsCount ${typical} is acknowledged`,
      decisions: ['D4'],
      words: [tableRow('NotifyReportMessageRequest', ['smsCount']), WORDS.smsCount],
      body: () => withValueAt('NotifyReportMessageRequest', minimalPush('report'), ['smsCount'], typical),
    }),
  ];
}

export const acceptCases: Case<CustomerContext>[] = [
  ...PUSH_KINDS.flatMap(casesFor),
  ...uplinkContentCases(),
  ...reportStatusCases(),
];
