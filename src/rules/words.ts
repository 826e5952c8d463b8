// The words of the original (IoT 云通信 API 参考 v1.5, in Chinese) that a MUST rests on. MUST means
// the original says so: a rule or a case that cites a decision of docs/spec-decisions.md stays MUST
// only where the original's own words compel what it expects, and then quotes them (`words`),
// verbatim but for spacing (the original is a PDF's text: its table columns are tabs, its cells
// break lines). test/must-words.test.ts holds every quote to the original. The quotes several rules
// and cases share are stated here once; a field's row of its table is derived from the field's
// schema (`tableRow`), so every case derived from a schema quotes its own field's row, and a limit
// of a schema that drifted from its table would no longer be a quote of the original.
import type { Constraint } from '../schema/constraints.js';
import type { MessageType } from '../schema/message-types.js';
import { nodeAt, type PathSegment, resolve } from '../schema/navigate.js';
import { messageSchema, type SchemaNode } from '../schema/registry.js';
import { clause } from '../spec/clauses.js';

export const WORDS = {
  /** §1 接口约束: requests are JSON, UTF-8 encoded. */
  json: '数据格式：请求使用JSON数据格式，UTF-8编码',
  /** §1: the message headers of every interface carry the JSON media type, charset=UTF-8. */
  contentType: '所有接口消息头必须要带Content-Type:application/json;charset=UTF-8',
  /** §1: the time format of every interface. */
  timeFormat: '所有接口中的时间格式：yyyy-MM-dd HH:mm:ss',
  /** §1: mobile numbers start with the country code (domestic ones may omit it). */
  mobile: '所有接口中手机号码以国家码开头',
  /** §2 接口功能: the send interface is how the user sends SMS. */
  send: '用户调用IoT云通信的发送消息接口进行短信下发',
  /** §2 接口功能: one call sends one message or many. */
  batch: '此接口可以下发单条消息，也可以下发多条消息',
  /** §3 接口功能: the platform pushes uplink SMS to the SP. */
  uplink: 'IoT云通信主动向用户推送上行短信',
  /** §4 table 4-1: the URI a report is pushed to is the send request's statusCallback. */
  reportUri: '该URI来源于“发送短信”接口请求消息中的“statusCallback”字段',
  /** §5.1 100002. */
  missing: '必选参数为空或缺少',
  /** §5.1 100003. */
  format: '参数格式错误',
  /** §5.2: statuses beyond the eight it lists. */
  otherStatus: '其它值',
  /** §4 table 4-2 smsCount: a count of the parts of a long SMS. */
  smsCount: '长短信拆分的条数',
  /** §5.4 templateParas: the values match the template's variables in number and length. */
  variables: '列表中变量值的个数及长度必须和“templateId”对应模板内容中定义的变量个数及长度保持一致',
  /** §5.4 templateParas: each value at most as long as its variable. */
  variableLength: '内容长度分别小于等于5和6',
  /** §5.4 signature: an approved one. */
  approved: '签名名称, 必须是已审核通过的',
  /** §5.4 messageId: generated when the customer sets none, and returned in the answer. */
  generated: '客户未定义时，系统生成并在响应消息中返回',
  /** §5.5 mobile: the recipient's number. */
  recipient: '接收方手机号',
  /** The tables, by their titles. */
  table23: '表 2-3 响应消息',
  table32: '表 3-2 请求消息',
  table42: '表 4-2 请求消息',
} as const;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'String',
  integer: 'int',
  object: 'Map<String,String>',
};

function typeOf(node: SchemaNode): string | undefined {
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  return types.find((t) => t !== 'null');
}

/** A table's type as the original writes it: String, int, List<MtSmsMessage>, Map<String,String>. */
function tableType(node: SchemaNode): string | undefined {
  const type = typeOf(node);
  if (type !== 'array') return type ? TYPE_NAMES[type] : undefined;
  const item = node.items ? resolve(node.items) : undefined;
  const held = item?.title ?? (item && typeOf(item) === 'string' ? 'String' : undefined);
  return held ? `List<${held}>` : undefined;
}

/**
 * The row of the original's table that declares the field at `path` (for a list's item or a map's
 * value, the list's or the map's row), as the table writes it: field, type, 必选 or 可选, and
 * 最大长度 (the digits of an int's maximum; "-" for none): `account String 必选 30`,
 * `smsCount int 可选 2`.
 */
export function tableRow(message: MessageType, path: readonly PathSegment[]): string {
  let end = path.length;
  while (end > 0 && (path[end - 1] === '[]' || path[end - 1] === '{}' || typeof path[end - 1] === 'number'))
    end -= 1;
  const field = path[end - 1];
  const schema = messageSchema(message);
  const node = nodeAt(schema, path.slice(0, end));
  const parent = nodeAt(schema, path.slice(0, end - 1));
  const type = node && tableType(node);
  if (typeof field !== 'string' || !node || !parent || !type)
    throw new Error(`${message} has no table row at ${path.join('.')}`);
  const max =
    node.maxLength ?? node.maxItems ?? (node.maximum === undefined ? '-' : String(node.maximum).length);
  return `${field} ${type} ${parent.required?.includes(field) ? '必选' : '可选'} ${max}`;
}

/**
 * The words that state a limit: its field's table row, or for an item of a list, whose limit the
 * table gives in words (每个手机号码长度最大20), the item's clause's original.
 */
export function limitWords(c: Pick<Constraint, 'message' | 'path' | 'clause'>): string {
  const last = c.path[c.path.length - 1];
  if (last !== '[]' && last !== '{}') return tableRow(c.message, c.path);
  const original = clause(c.clause)?.original;
  if (!original) throw new Error(`${c.clause} quotes no original`);
  return original;
}

/** A row of the §5.1 or §5.2 table, from a schema's `x-known-values` entry: `DELIVRD 短消息转发成功`. */
export function codeRow(code: string, meaning: string): string {
  const original = /\(([^()]*)\)$/.exec(meaning)?.[1];
  if (!original) throw new Error(`${code}: "${meaning}" gives no original meaning`);
  return `${code} ${original}`;
}
