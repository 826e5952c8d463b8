// The schemas of schemas/, loaded once. Everything else (types, validators, limits, arbitraries,
// mock behaviour, cases) derives from these objects: they are the single source of truth.
import definitions from '../../schemas/definitions.json' with { type: 'json' };
import MtSmsMessage from '../../schemas/MtSmsMessage.json' with { type: 'json' };
import MtSmsMessageRsp from '../../schemas/MtSmsMessageRsp.json' with { type: 'json' };
import NamedParameter from '../../schemas/NamedParameter.json' with { type: 'json' };
import NotifyReportMessageRequest from '../../schemas/NotifyReportMessageRequest.json' with { type: 'json' };
import NotifyResponse from '../../schemas/NotifyResponse.json' with { type: 'json' };
import NotifySmsMessageRequest from '../../schemas/NotifySmsMessageRequest.json' with { type: 'json' };
import SendTemplateMessageRequest from '../../schemas/SendTemplateMessageRequest.json' with { type: 'json' };
import SendTemplateMessageResponse from '../../schemas/SendTemplateMessageResponse.json' with {
  type: 'json',
};
import type { MessageType } from './message-types.js';

/** A JSON Schema node as this kit reads it: plain JSON with the keywords it uses. */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  const?: unknown;
  anyOf?: SchemaNode[];
  examples?: unknown[];
  'x-spec'?: string;
  'x-decision'?: string;
  'x-should'?: SchemaNode;
  'x-known-values'?: Record<string, string>;
  [keyword: string]: unknown;
}

export const SCHEMA_BASE = 'https://iot-sms-conformance.dev/schemas/';

/** Every schema file, by file name. */
export const SCHEMA_FILES: Readonly<Record<string, SchemaNode>> = {
  'definitions.json': definitions as SchemaNode,
  'MtSmsMessage.json': MtSmsMessage as SchemaNode,
  'MtSmsMessageRsp.json': MtSmsMessageRsp as SchemaNode,
  'NamedParameter.json': NamedParameter as SchemaNode,
  'NotifyReportMessageRequest.json': NotifyReportMessageRequest as SchemaNode,
  'NotifyResponse.json': NotifyResponse as SchemaNode,
  'NotifySmsMessageRequest.json': NotifySmsMessageRequest as SchemaNode,
  'SendTemplateMessageRequest.json': SendTemplateMessageRequest as SchemaNode,
  'SendTemplateMessageResponse.json': SendTemplateMessageResponse as SchemaNode,
};

export function messageSchema(type: MessageType): SchemaNode {
  const schema = SCHEMA_FILES[`${type}.json`];
  if (!schema) throw new Error(`no schema file for ${type}`);
  return schema;
}
