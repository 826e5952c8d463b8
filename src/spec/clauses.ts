// The index of the spec's clauses (IoT 云通信 API 参考 v1.5): the clauses that are not a table row
// are listed here with their words; the field clauses come from the schemas' `x-spec` and
// `description`, so each is stated once. Cases and schemas may cite only clauses in this index.
import { SCHEMA_FILES, type SchemaNode } from '../schema/registry.js';

export interface Clause {
  /** As cited: `§1.4 mobile numbers`, `§5.4 MtSmsMessage.mobiles`. */
  id: string;
  /** What the spec says, in English (the field clauses: the schema's description). */
  text: string;
  /** The original words, where they are short enough to quote. */
  original?: string;
  /**
   * Whether the suites must have a case for it, and at what level: MUST where the spec states a
   * rule, SHOULD where the rule is our reading (a decision). Absent: descriptive, no case needed.
   */
  requirement?: 'MUST' | 'SHOULD';
}

const PROSE_CLAUSES: readonly Clause[] = [
  {
    id: '§1.1 HTTPS',
    text: 'All interfaces use HTTPS.',
    original: '所有接口采用HTTPS协议。',
    requirement: 'MUST',
  },
  {
    id: '§1.2 JSON UTF-8',
    text: 'Request bodies are JSON, UTF-8 encoded.',
    original: '数据格式：请求使用JSON数据格式，UTF-8编码。',
    requirement: 'MUST',
  },
  { id: '§1.3 POST', text: 'Method: POST.', original: '请求方法：POST。', requirement: 'SHOULD' },
  {
    id: '§1.4 mobile numbers',
    text: 'Mobile numbers start with the country code, e.g. 8613600000000; domestic SMS may omit it, e.g. 13600000000.',
    original:
      '所有接口中手机号码以国家码开头，如8613600000000。其中，国内短信可以不携带国家码，如13600000000。',
    requirement: 'MUST',
  },
  {
    id: '§1.5 Content-Type',
    text: 'Every message of every interface (requests, pushes and answers) must carry the header Content-Type: application/json;charset=UTF-8.',
    original: '所有接口消息头必须要带Content-Type:application/json;charset=UTF-8。',
    requirement: 'MUST',
  },
  {
    id: '§1.6 time format',
    text: 'Time format everywhere: yyyy-MM-dd HH:mm:ss; for domestic SMS the time zone is UTC+8.',
    original: '所有接口中的时间格式：yyyy-MM-dd HH:mm:ss，国内短信时区是UTC+8。',
    requirement: 'MUST',
  },
  {
    id: '§2 sendTemplateMessage',
    text: 'POST https://{IP:Port}/common/sms/sendTemplateMessage sends one or many messages (SP → platform).',
    original: '用户调用IoT云通信的发送消息接口进行短信下发。此接口可以下发单条消息，也可以下发多条消息。',
    requirement: 'MUST',
  },
  {
    id: '§2 statusCallback push',
    text: "If statusCallback is set, the message's status report is pushed to it through notifyReportMessage (§4).",
    original: '如果设置了该字段，则该消息的状态报告将通过“推送状态报告”接口直接通知客户。',
    requirement: 'MUST',
  },
  {
    id: '§2 statusCallback retention',
    text: 'If statusCallback is not set, status reports are not pushed; the platform keeps them for 1 hour, then deletes them.',
    original:
      '如果未设置该字段，则短信平台收到运营商短信中心返回的状态报告不会推送给客户，该状态报告将在短信平台中保存1个小时，超时后系统会自动删除。',
    requirement: 'MUST',
  },
  {
    id: '§2 table 2-2',
    text: 'The send request: account, password, requestLists, requestId, statusCallback, extendInfos.',
  },
  { id: '§2 table 2-3', text: 'The send response: resultCode, resultDesc, resultLists.' },
  {
    id: '§2 examples',
    text: 'The request examples (with and without templateParas) and the response examples (failure, success).',
  },
  {
    id: '§3 notifySmsMessage',
    text: "POST https://{IP:Port}/common/sms/notifySmsMessage pushes an uplink SMS to the SP's own URL (platform → SP).",
    original: 'IoT云通信主动向用户推送上行短信。',
    requirement: 'MUST',
  },
  { id: '§3 table 3-2', text: 'The uplink push: mobile, content, sendTime, extCode.' },
  {
    id: '§3 table 3-3 / §4 table 4-3',
    text: 'The SP answers a push with resultCode (required, at most 6) and resultDesc (optional, at most 100); the examples answer {"resultCode":"0"}.',
    requirement: 'MUST',
  },
  {
    id: '§4 notifyReportMessage',
    text: "POST to the send request's statusCallback pushes a status report (platform → SP).",
    original: '该URI来源于“发送短信”接口请求消息中的“statusCallback”字段，详细解释请参见发送短信接口。',
    requirement: 'MUST',
  },
  {
    id: '§4 table 4-2',
    text: 'The status report: requestId, mobile, messageId (as returned by the send response), status, resultCode, resultDesc, smsCount, receiveTime.',
  },
  { id: '§5.1 result codes', text: 'Result codes: 0, 100001, 100002, 100003, 100006.' },
  { id: '§5.1 0', text: 'Result code 0: success.', original: '成功。', requirement: 'MUST' },
  {
    id: '§5.1 100001',
    text: 'Result code 100001: access authentication failed.',
    original: '接入认证失败。',
    requirement: 'MUST',
  },
  {
    id: '§5.1 100002',
    text: 'Result code 100002: a required parameter is empty or missing.',
    original: '必选参数为空或缺少。',
    requirement: 'MUST',
  },
  {
    id: '§5.1 100003',
    text: 'Result code 100003: parameter format error.',
    original: '参数格式错误。',
    requirement: 'MUST',
  },
  {
    id: '§5.1 100006',
    text: 'Result code 100006: account abnormal.',
    original: '账号异常。',
    requirement: 'MUST',
  },
  {
    id: '§5.2 status codes',
    text: 'Status codes DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD, NOROUTE, and other values.',
    original: '其它值。',
    requirement: 'MUST',
  },
  {
    id: '§5.3 NamedParameter',
    text: 'NamedParameter: key (required, at most 128), value (optional, at most 512).',
  },
  {
    id: '§5.4 MtSmsMessage',
    text: 'MtSmsMessage: mobiles, templateId, templateParas, signature, messageId, extCode, extendInfos.',
  },
  {
    id: '§5.4 template variables',
    text: "The number of templateParas values and each value's length must match the template's variables.",
    original: '列表中变量值的个数及长度必须和“templateId”对应模板内容中定义的变量个数及长度保持一致',
    requirement: 'MUST',
  },
  {
    id: '§5.4 signature approved',
    text: 'The signature must be an approved one.',
    original: '签名名称, 必须是已审核通过的。',
    requirement: 'MUST',
  },
  {
    id: '§5.5 MtSmsMessageRsp',
    text: 'MtSmsMessageRsp: mobile, resultCode, resultDesc, messageId (the request’s, or generated when it had none), extendInfos.',
    requirement: 'MUST',
  },
];

function collectSchemaClauses(node: unknown, out: Map<string, Clause>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectSchemaClauses(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as SchemaNode;
  const id = n['x-spec'];
  if (typeof id === 'string' && !out.has(id)) {
    const description = n.description ?? '';
    const [text = description, original] = description.split(' (原文: ');
    // A field of a table: its type, limit and presence are rules the spec states.
    out.set(id, {
      id,
      text,
      ...(original ? { original: original.replace(/\)$/, '') } : {}),
      requirement: 'MUST',
    });
  }
  for (const value of Object.values(n)) collectSchemaClauses(value, out);
}

function buildIndex(): ReadonlyMap<string, Clause> {
  const index = new Map<string, Clause>();
  for (const c of PROSE_CLAUSES) index.set(c.id, c);
  for (const schema of Object.values(SCHEMA_FILES)) collectSchemaClauses(schema, index);
  return index;
}

/** Every clause a schema or a case may cite, by id. */
export const CLAUSES: ReadonlyMap<string, Clause> = buildIndex();

/** The sections the document has; every clause id starts with one of them. */
export const SECTIONS = [
  '§1.1',
  '§1.2',
  '§1.3',
  '§1.4',
  '§1.5',
  '§1.6',
  '§2',
  '§3',
  '§3/§4',
  '§4',
  '§5.1',
  '§5.2',
  '§5.3',
  '§5.4',
  '§5.5',
] as const;

export function clause(id: string): Clause | undefined {
  return CLAUSES.get(id);
}
