// Renders vectors/<Type>.json: valid and invalid instances of each message in the style of the
// JSON-Schema-Test-Suite, for teams that write clients or endpoints in other languages. Built from
// the spec's examples, the constraints walked from the schemas, and a few payloads seen in the
// wild; `npm run generate` writes them and a test checks they are fresh.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFault } from '../src/arbitraries/faults.js';
import { type Constraint, constraintsOf, limitsOf } from '../src/schema/constraints.js';
import { boundaryMessage, type Json, minimalMessage } from '../src/schema/instances.js';
import { MESSAGE_TYPES, type MessageType } from '../src/schema/message-types.js';
import { formatPath } from '../src/schema/navigate.js';

export interface VectorTest {
  description: string;
  data: Json;
  valid: boolean;
}
export interface VectorGroup {
  description: string;
  schema: string;
  tests: VectorTest[];
}

const EXAMPLES_DIR = join(import.meta.dirname, '..', 'examples');

/** Payloads seen outside the document (../shared/spec/README.md, "Facts seen outside"). */
const SEEN_IN_THE_WILD: Partial<Record<MessageType, VectorTest[]>> = {
  NotifyReportMessageRequest: [
    {
      description: 'a real report: mobile with a leading +, 30-digit messageId, no requestId (D12) is valid',
      data: {
        smsCount: 1,
        mobile: '+2349139355965',
        messageId: '100001200201240905061312278831',
        receiveTime: '2024-09-05 06:28:13',
        status: 'UNDELIV',
      },
      valid: true,
    },
    {
      description:
        'smsCount null, as the vendor sample receiver shows in form data, is valid: an optional null is not set (D4, D15)',
      data: { mobile: '8613600000000', messageId: '1', status: 'DELIVRD', smsCount: null },
      valid: true,
    },
  ],
  SendTemplateMessageResponse: [
    {
      description: 'a resultCode of 7 characters (1020001, from the vendor sample) is rejected (D17)',
      data: { resultCode: '1020001' },
      valid: false,
    },
    { description: 'a numeric resultCode is rejected', data: { resultCode: 0 }, valid: false },
  ],
  SendTemplateMessageRequest: [
    {
      description: 'signature null, as some clients send, is rejected (D15)',
      data: {
        account: 'a',
        password: 'p',
        requestLists: [{ mobiles: ['13600000000'], templateId: 't', signature: null }],
      },
      valid: false,
    },
    {
      description:
        "the vendor's Java client: every unset optional field null (Jackson's defaults) is valid (D15)",
      data: {
        account: 'a',
        password: 'p',
        requestLists: [
          {
            mobiles: ['13600000000'],
            templateId: 't',
            templateParas: null,
            signature: 's',
            messageId: null,
            extCode: null,
            extendInfos: null,
          },
        ],
        requestId: null,
        statusCallback: null,
      },
      valid: true,
    },
    {
      description: 'statusCallback "" (some clients send it; counts as not set, D6) is valid',
      data: {
        account: 'a',
        password: 'p',
        statusCallback: '',
        requestLists: [{ mobiles: ['13600000000'], templateId: 't', signature: 's' }],
      },
      valid: true,
    },
  ],
};

function examplesOf(type: MessageType): VectorTest[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json') && f.split('.')[0] === type)
    .sort()
    .map((f) => ({
      description: `the spec's example ${f} is valid`,
      data: JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as Json,
      valid: true,
    }));
}

function limitTests(type: MessageType): VectorTest[] {
  return limitsOf(type).flatMap((c) => {
    const where = `${formatPath(c.path)} (${c.clause})`;
    return [
      {
        description: `${where} at ${c.keyword} ${c.limit} is valid`,
        data: boundaryMessage(c, false),
        valid: true,
      },
      {
        description: `${where} one past ${c.keyword} ${c.limit} is rejected`,
        data: boundaryMessage(c, true),
        valid: false,
      },
    ];
  });
}

function faultTests(type: MessageType, keep: (c: Constraint) => boolean): VectorTest[] {
  const base = minimalMessage(type);
  return constraintsOf(type)
    .filter((c) => c.level === 'MUST' && keep(c))
    .map((c) => {
      const { message, fault } = applyFault(base, c);
      return { description: `${fault.description} is rejected (${c.clause})`, data: message, valid: false };
    });
}

export function renderVectors(type: MessageType): VectorGroup[] {
  const schema = `${type}.json`;
  const groups: VectorGroup[] = [
    { description: `${type}: the spec's examples`, schema, tests: examplesOf(type) },
    {
      description: `${type}: the smallest valid message`,
      schema,
      tests: [{ description: 'required fields only is valid', data: minimalMessage(type), valid: true }],
    },
    { description: `${type}: length, count and range limits`, schema, tests: limitTests(type) },
    {
      description: `${type}: required fields missing or empty (100002, D15)`,
      schema,
      // A list item made empty (a recipient "") is a format fault, not a required field: left out.
      tests: faultTests(
        type,
        (c) =>
          c.keyword === 'required' || ((c.keyword === 'minLength' || c.keyword === 'minItems') && c.required),
      ),
    },
    {
      description: `${type}: wrong JSON types (100003)`,
      schema,
      tests: faultTests(type, (c) => c.keyword === 'type'),
    },
    { description: `${type}: seen in the wild`, schema, tests: SEEN_IN_THE_WILD[type] ?? [] },
  ];
  return groups.filter((g) => g.tests.length > 0);
}

export function renderAllVectors(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const type of MESSAGE_TYPES)
    files[`${type}.json`] = `${JSON.stringify(renderVectors(type), null, 2)}\n`;
  return files;
}
