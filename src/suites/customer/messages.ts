// The pushes the customer cases send, all derived from the schemas of §3 table 3-2 and §4 table
// 4-2: minimal and maximal messages, the optional fields, the §5.2 statuses, the §1.4 number forms.
// A change in schemas/ moves every case built from here.
import { isSpecTimeNode, SPEC_TIME_LENGTH } from '../../arbitraries/spec-time.js';
import { type Constraint, limitsOf } from '../../schema/constraints.js';
import {
  boundaryMessage,
  concretePath,
  type Json,
  minimalMessage,
  minimalValue,
  stringOfLength,
  withValueAt,
} from '../../schema/instances.js';
import { nodeAt, resolve } from '../../schema/navigate.js';
import { messageSchema, type SchemaNode } from '../../schema/registry.js';
import { type CustomerContext, PUSH_MESSAGE, type PushKind } from './context.js';

export type Push = { [key: string]: Json };

function fieldNode(kind: PushKind, field: string): SchemaNode {
  const node = nodeAt(messageSchema(PUSH_MESSAGE[kind]), [field]);
  if (!node) throw new Error(`${PUSH_MESSAGE[kind]} has no field ${field}`);
  return node;
}

export function requiredFields(kind: PushKind): string[] {
  return resolve(messageSchema(PUSH_MESSAGE[kind])).required ?? [];
}

/** The fields table 3-2 / 4-2 marks optional. */
export function optionalFields(kind: PushKind): string[] {
  const schema = resolve(messageSchema(PUSH_MESSAGE[kind]));
  const required = new Set(schema.required ?? []);
  return Object.keys(schema.properties ?? {}).filter((name) => !required.has(name));
}

/** A plausible value for a field: its schema example, or its minimal value (a count of at least 1). */
function typicalValue(node: SchemaNode): Json {
  const n = resolve(node);
  // An optional field's type is [T, "null"] (D15): T decides.
  const type = Array.isArray(n.type) ? n.type[0] : n.type;
  if (type === 'integer') return Math.min(n.maximum ?? 1, Math.max(n.minimum ?? 1, 1));
  return minimalValue(n);
}

/** Required fields only. */
export function minimalPush(kind: PushKind): Push {
  return minimalMessage(PUSH_MESSAGE[kind]);
}

/** Every field of the table present, optional ones with a plausible value. */
export function maximalPush(kind: PushKind): Push {
  const out = minimalPush(kind);
  for (const field of optionalFields(kind)) out[field] = typicalValue(fieldNode(kind, field));
  return out;
}

/** The length and range limits of a push (maxLength, maximum, minimum). */
export function pushLimits(kind: PushKind): Constraint[] {
  return limitsOf(PUSH_MESSAGE[kind]);
}

/** Whether a limit is a time field's length: 20 or 36 where every §1.6 time has 19 (D24). */
export function isTimeLength(c: Constraint): boolean {
  return c.keyword === 'maxLength' && isSpecTimeNode(nodeAt(messageSchema(c.message), c.path));
}

/**
 * The push a limit case sends: the field at its limit, the rest minimal. A time field's longest
 * valid value is a §1.6 time, 19 characters, whatever its table's length: a longer value is no
 * time (D24), so the case pushes the schema's example time, never the example padded to 20 or 36.
 */
export function limitPush(c: Constraint): Push {
  if (!isTimeLength(c)) return boundaryMessage(c, false);
  if ((c.limit as number) < SPEC_TIME_LENGTH)
    throw new Error(`${c.message}.${c.path.join('.')} allows ${c.limit} characters: no §1.6 time fits`);
  const node = nodeAt(messageSchema(c.message), c.path) as SchemaNode;
  return withValueAt(
    c.message,
    minimalMessage(c.message),
    concretePath(c.path),
    stringOfLength(node, SPEC_TIME_LENGTH),
  );
}

/** The §5.2 status codes, from `x-known-values` of StatusCode (decision D1). */
export function knownStatuses(): Record<string, string> {
  return fieldNode('report', 'status')['x-known-values'] ?? {};
}

/**
 * The §1.4 forms of a number, from MobileNumber's examples: the first starts with the country code
 * (8613600000000), the second is a domestic number without it (13600000000).
 */
export function mobileForms(kind: PushKind): { countryCode: string; domestic: string } {
  const [countryCode, domestic] = (fieldNode(kind, 'mobile').examples ?? []).filter(
    (e): e is string => typeof e === 'string',
  );
  if (!countryCode || !domestic)
    throw new Error('MobileNumber needs two examples: with and without country code');
  return { countryCode, domestic };
}

/** The §4 example as the spec prints it, status `DELIVED` and all (examples/NotifyReportMessageRequest.json). */
export const SPEC_REPORT_EXAMPLE: Push = {
  messageId: '12345',
  mobile: '12345678911',
  receiveTime: '2016-05-29 10:55:23',
  status: 'DELIVED',
  smsCount: 2,
};

/** The §3 example as the spec prints it (examples/NotifySmsMessageRequest.json). */
export const SPEC_UPLINK_EXAMPLE: Push = {
  mobile: '12345678911',
  content: 'TD',
  sendTime: '2017-05-15 16:08:54',
};

/** A real status report seen in public code ("Facts seen outside the document"): `+` mobile, no requestId. */
export const WILD_REPORT: Push = {
  smsCount: 1,
  mobile: '+2349139355965',
  messageId: '100001200201240905061312278831',
  receiveTime: '2024-09-05 06:28:13',
  status: 'UNDELIV',
};

/**
 * A value no push has carried before in this process, for pushes that must differ (a burst) or
 * must not collide with earlier cases (the duplicate case): base 36, at most `max` characters.
 */
export function uniqueId(ctx: Pick<CustomerContext, 'serial'>, max: number): string {
  ctx.serial.next += 1;
  const id = `${Date.now().toString(36)}${process.pid.toString(36)}${ctx.serial.next.toString(36)}`;
  return id.slice(-max);
}
