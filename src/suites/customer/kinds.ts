// What the numbers and times of a push are, in words, for the message of a failed property: a
// shrunk counterexample shows one cause, and the reader should see at once what else it holds
// ("mobile 0: a one-digit number"; "sendTime 2023-02-30 10:00:00: 30 February 2023, no such day").
import { describePhoneNumber, isMobileNumberNode } from '../../arbitraries/phone-number.js';
import { describeSpecTime, isSpecTimeNode } from '../../arbitraries/spec-time.js';
import type { Json } from '../../schema/instances.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { PUSH_MESSAGE, type PushKind } from './context.js';

/** Each number and time of a push with what it is, `; `-separated; "" when it has none. */
export function describeKinds(to: PushKind, push: Json): string {
  if (push === null || typeof push !== 'object' || Array.isArray(push)) return '';
  const schema = messageSchema(PUSH_MESSAGE[to]);
  const parts: string[] = [];
  for (const [field, value] of Object.entries(push)) {
    if (typeof value !== 'string') continue;
    const node = nodeAt(schema, [field]);
    if (isMobileNumberNode(node)) parts.push(`${field} ${value}: ${describePhoneNumber(value)}`);
    else if (isSpecTimeNode(node)) parts.push(`${field} ${value}: ${describeSpecTime(value)}`);
  }
  return parts.join('; ');
}
