// The schema rules of the parts of a message (§5.3 NamedParameter, §5.4 MtSmsMessage, §5.5
// MtSmsMessageRsp): what a matcher judges of a part alone. The whole messages' schema rules are
// the exchanges' (send-request.ts, send-answer.ts, push.ts, push-answer.ts).
import type { MessageType } from '../schema/message-types.js';
import { validators } from '../validate/validators.js';
import { schemaProblems } from './checks.js';
import type { ValueRule } from './types.js';

const PART_CLAUSE = {
  NamedParameter: '§5.3 NamedParameter',
  MtSmsMessage: '§5.4 MtSmsMessage',
  MtSmsMessageRsp: '§5.5 MtSmsMessageRsp',
} as const satisfies Partial<Record<MessageType, string>>;

export type MessagePart = keyof typeof PART_CLAUSE;

function partRule(type: MessagePart, level: 'MUST' | 'SHOULD'): ValueRule & { on: 'value' } {
  const checkValue = (value: unknown) =>
    schemaProblems(
      type,
      validators[type].strictViolations(value).filter((v) => v.level === level),
      value,
      'the value',
    );
  return {
    on: 'value',
    id: `${type}.schema${level === 'SHOULD' ? '.should' : ''}`,
    side: type === 'MtSmsMessageRsp' ? 'platform' : 'customer',
    level,
    clause: PART_CLAUSE[type],
    title:
      level === 'MUST'
        ? `a ${type} keeps every MUST rule of ${PART_CLAUSE[type]}`
        : `a ${type} keeps our readings (the number grammar)`,
    ...(level === 'SHOULD' ? { decisions: ['D12'] } : {}),
    type,
    checkValue,
  };
}

export const partRules = {
  NamedParameter: { must: partRule('NamedParameter', 'MUST'), should: partRule('NamedParameter', 'SHOULD') },
  MtSmsMessage: { must: partRule('MtSmsMessage', 'MUST'), should: partRule('MtSmsMessage', 'SHOULD') },
  MtSmsMessageRsp: {
    must: partRule('MtSmsMessageRsp', 'MUST'),
    should: partRule('MtSmsMessageRsp', 'SHOULD'),
  },
} as const;
