// schemas/ says what the original's tables say: for every row of tables 2-2, 2-3, 3-2, 3-3, 4-2,
// 4-3 and §5.3–5.5 (hand-transcribed in test/fixtures/spec-tables.ts), the field exists with the
// type, the required-ness and the maximum of the original, and no schema has a field the table
// lacks. The schemas are read from disk and their $refs followed here, not through src/, so the
// comparison trusts nothing it checks. An optional field that also admits null compares on its
// base type and limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_TABLES, type SpecRow, type SpecType } from './fixtures/spec-tables.js';

type Node = Record<string, unknown>;
type Schemas = Record<string, Node>;

const dir = join(import.meta.dirname, '..', 'schemas');
const NAMES = [...new Set(SPEC_TABLES.map((t) => t.schema)), 'definitions'];

function loadSchemas(): Schemas {
  return Object.fromEntries(NAMES.map((n) => [n, JSON.parse(readFileSync(join(dir, `${n}.json`), 'utf8'))]));
}

/** A node with its $ref's keywords under its own, and the non-null branches of an anyOf/oneOf merged in. */
function flatten(schemas: Schemas, node: Node): { node: Node; nullable: boolean } {
  let out: Node = { ...node };
  let nullable = false;
  const ref = out.$ref;
  if (typeof ref === 'string') {
    const def = /^definitions\.json#\/\$defs\/(.+)$/.exec(ref)?.[1];
    const file = /^([A-Za-z]+)\.json$/.exec(ref)?.[1];
    const target = def
      ? ((schemas.definitions?.$defs as Record<string, Node> | undefined)?.[def] ?? {})
      : file
        ? (schemas[file] ?? {})
        : {};
    const { $ref: _, ...own } = out;
    out = { ...flatten(schemas, target).node, ...own };
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = out[key];
    if (!Array.isArray(branches)) continue;
    for (const b of branches as Node[]) {
      const f = flatten(schemas, b);
      if (f.node.type === 'null') nullable = true;
      else out = { ...f.node, ...out };
    }
  }
  const types = Array.isArray(out.type) ? (out.type as string[]) : out.type ? [out.type as string] : [];
  if (types.includes('null')) nullable = true;
  return { node: { ...out, type: types.filter((t) => t !== 'null') }, nullable };
}

const BASE: Record<SpecType, string> = {
  String: 'string',
  int: 'integer',
  'List<String>': 'array',
  'List<MtSmsMessage>': 'array',
  'List<MtSmsMessageRsp>': 'array',
  'List<NamedParameter>': 'array',
  'Map<String,String>': 'object',
};

/** The keyword that carries the original's 最大长度 for a type, and the value it must have. */
function limitOf(row: SpecRow): { keyword: string; value: number | undefined } {
  const value = row.max === null ? undefined : row.max;
  if (row.type === 'String') return { keyword: 'maxLength', value };
  if (row.type === 'int')
    return { keyword: 'maximum', value: value === undefined ? undefined : 10 ** value - 1 };
  if (row.type === 'Map<String,String>') return { keyword: 'maxProperties', value };
  return { keyword: 'maxItems', value };
}

/** Every way schemas/ differs from the original's tables, one line each. */
function mismatches(schemas: Schemas): string[] {
  const out: string[] = [];
  for (const table of SPEC_TABLES) {
    const schema = schemas[table.schema] ?? {};
    const properties = (schema.properties ?? {}) as Record<string, Node>;
    const required = (schema.required ?? []) as string[];
    const where = (row: SpecRow) => `${table.table}: ${table.schema}.${row.field}`;
    const fields = table.rows.filter((r) => !r.field.endsWith('[]')).map((r) => r.field);
    for (const extra of Object.keys(properties).filter((f) => !fields.includes(f)))
      out.push(`${table.table}: ${table.schema}.${extra} is not in the table`);
    for (const row of table.rows) {
      const item = row.field.endsWith('[]');
      const raw = item
        ? (properties[row.field.slice(0, -2)]?.items as Node | undefined)
        : properties[row.field];
      if (!raw) {
        out.push(`${where(row)} is missing from the schema`);
        continue;
      }
      const { node, nullable } = flatten(schemas, raw);
      const types = node.type as string[];
      if (types.length !== 1 || types[0] !== BASE[row.type])
        out.push(`${where(row)}: type ${JSON.stringify(types)}, the original says ${row.type}`);
      if (!item && required.includes(row.field) !== (row.presence === 'M'))
        out.push(
          `${where(row)}: ${required.includes(row.field) ? 'required' : 'optional'}, the original says ${row.presence === 'M' ? '必选' : '可选'}`,
        );
      if (nullable && row.presence === 'M')
        out.push(`${where(row)}: admits null, yet the original says 必选`);
      const { keyword, value } = limitOf(row);
      if (node[keyword] !== value)
        out.push(
          `${where(row)}: ${keyword} ${JSON.stringify(node[keyword])}, the original says ${row.max ?? '-'}`,
        );
      // What a List or Map holds, as its type says.
      const element =
        /^List<(.+)>$/.exec(row.type)?.[1] ?? (row.type === 'Map<String,String>' ? 'String' : undefined);
      if (element === undefined) continue;
      const inner = (row.type.startsWith('Map') ? node.additionalProperties : node.items) as Node | undefined;
      if (element === 'String') {
        const t = inner ? (flatten(schemas, inner).node.type as string[]) : [];
        if (t.join() !== 'string')
          out.push(`${where(row)}: holds ${JSON.stringify(t)}, the original says ${element}`);
      } else if (inner?.$ref !== `${element}.json`) {
        out.push(`${where(row)}: holds ${JSON.stringify(inner?.$ref)}, the original says ${element}`);
      }
    }
  }
  return out;
}

describe('schemas/ against the tables of the original', () => {
  it('the transcription covers every table, 40 rows', () => {
    expect(SPEC_TABLES.map((t) => /^(?:表 )?(\d-\d|5\.\d)/.exec(t.table)?.[1])).toEqual([
      '2-2',
      '2-3',
      '3-2',
      '3-3',
      '4-2',
      '4-3',
      '5.3',
      '5.4',
      '5.5',
    ]);
    expect(SPEC_TABLES.flatMap((t) => t.rows)).toHaveLength(40);
  });

  it('every field has the original type, required-ness and maximum', () => {
    expect(mismatches(loadSchemas())).toEqual([]);
  });
});

describe('the comparison catches a wrong schema', () => {
  const edit = (change: (s: Schemas) => void): string[] => {
    const s = loadSchemas();
    change(s);
    return mismatches(s);
  };
  const prop = (s: Schemas, schema: string, field: string) =>
    ((s[schema]?.properties ?? {}) as Record<string, Node>)[field] as Node;

  it.each([
    [
      'a maxLength one too long',
      (s: Schemas) => {
        prop(s, 'SendTemplateMessageRequest', 'account').maxLength = 31;
      },
      /account: maxLength 31, the original says 30/,
    ],
    [
      'a maxItems one too short',
      (s: Schemas) => {
        prop(s, 'SendTemplateMessageRequest', 'requestLists').maxItems = 19;
      },
      /requestLists: maxItems 19/,
    ],
    [
      'an int read as 3 digits',
      (s: Schemas) => {
        prop(s, 'NotifyReportMessageRequest', 'smsCount').maximum = 999;
      },
      /smsCount: maximum 999, the original says 2/,
    ],
    [
      'a limit where the original has none',
      (s: Schemas) => {
        prop(s, 'SendTemplateMessageResponse', 'resultLists').maxItems = 100;
      },
      /resultLists: maxItems 100, the original says -/,
    ],
    [
      'a required field made optional',
      (s: Schemas) => {
        (s.NotifyReportMessageRequest as Node).required = ['mobile', 'status'];
      },
      /messageId: optional, the original says 必选/,
    ],
    [
      'an optional field made required',
      (s: Schemas) => {
        (s.NotifySmsMessageRequest as Node).required = ['mobile', 'content', 'extCode'];
      },
      /extCode: required, the original says 可选/,
    ],
    [
      'another type',
      (s: Schemas) => {
        prop(s, 'NotifySmsMessageRequest', 'content').type = 'integer';
      },
      /content: type \["integer"\], the original says String/,
    ],
    [
      'a limit moved into a shared definition',
      (s: Schemas) => {
        ((s.definitions as Node).$defs as Record<string, Node>).MobileNumber = {
          type: 'string',
          maxLength: 21,
        };
      },
      /MtSmsMessage\.mobiles\[\]: maxLength 21/,
    ],
    [
      'a list of something else',
      (s: Schemas) => {
        (prop(s, 'MtSmsMessage', 'extendInfos').items as Node).$ref = 'MtSmsMessage.json';
      },
      /extendInfos: holds "MtSmsMessage.json"/,
    ],
    [
      'a field the table lacks',
      (s: Schemas) => {
        ((s.NamedParameter as Node).properties as Record<string, Node>).type = { type: 'string' };
      },
      /NamedParameter\.type is not in the table/,
    ],
    [
      'a required field that admits null',
      (s: Schemas) => {
        prop(s, 'NamedParameter', 'key').type = ['string', 'null'];
      },
      /key: admits null/,
    ],
  ])('%s', (_name, change, expected) => {
    const found = edit(change);
    expect(
      found.some((m) => expected.test(m)),
      found.join('\n'),
    ).toBe(true);
  });

  it('an optional field that also admits null still compares on its base type and limit', () => {
    expect(
      edit((s) => {
        prop(s, 'SendTemplateMessageResponse', 'resultDesc').type = ['string', 'null'];
        const id = prop(s, 'SendTemplateMessageRequest', 'requestId');
        delete id.type;
        id.anyOf = [{ type: 'string', maxLength: 20 }, { type: 'null' }];
        delete id.maxLength;
      }),
    ).toEqual([]);
  });
});
