// §5.4 templateParas as real senders fill it (D27): names and places in Chinese (MUST: a request of
// UTF-8 JSON whose String values are Chinese is valid, and the document's own request example
// writes Chinese), the same written as \u escapes by Python's json.dumps (MUST, D30), Chinese to
// each variable's maximum in characters (SHOULD, D7), other scripts and emoji (SHOULD, D27), the
// values in another order than the template's variables, as a Java HashMap iterates (SHOULD, D11);
// with a template without variables and variables at their maximum (MUST, §5.4). Each shape
// (traffic.ts) is judged by the largest legal batch when the at-limit cases sent it and it was
// accepted, else by a request of its own, to the profile's sink numbers when it has any.
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { Level } from '../../core/terms.js';
import { tableRow, WORDS } from '../../rules/index.js';
import { expectAccepted, short } from './checks.js';
import { type PlatformContext, platformCase, send, validRequest } from './context.js';
import { acceptedLargestBatch } from './limits.js';
import { chineseValues, SHAPES, type Shape, type Shaped, shapeMessages } from './traffic.js';
import { WireBody } from './wire-body.js';

const shown = (values: Shaped['values']) =>
  short(values.map((v) => (v ? JSON.stringify(v) : 'no templateParas')).join(', '), 200);

/** The shape's own request: its messages, each to the next sink number (else phone). */
function requestOf(ctx: PlatformContext, shaped: Shaped) {
  return validRequest(ctx.platform, { requestLists: shapeMessages(ctx, shaped) });
}

interface ShapeCase {
  shape: Shape;
  level: Level;
  clause: string;
  title: string;
  decisions?: string[];
  /** The original's words that compel a MUST that cites a decision. */
  words?: string[];
  covers: string[];
  requirement: (shaped: Shaped) => string;
}

function shapeCase(def: ShapeCase): Case<PlatformContext> {
  const { shape } = def;
  return platformCase({
    id: shape.id,
    clause: def.clause,
    level: def.level,
    title: def.title,
    ...(def.decisions ? { decisions: def.decisions } : {}),
    ...(def.words ? { words: def.words } : {}),
    covers: def.covers,
    skipUnless: (ctx) => {
      const shaped = shape.make(ctx);
      return 'skip' in shaped ? shaped.skip : undefined;
    },
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const shaped = shape.make(ctx);
      if ('skip' in shaped) t.skip(shaped.skip);
      const left = shaped.left
        ? `; not sent (no variable long enough, or no room): ${shaped.left.join(', ')}`
        : '';
      const batch = await acceptedLargestBatch(ctx, t);
      const at = batch?.shapes.get(shape.id);
      if (at) {
        t.note(
          `accepted in the largest legal batch, requestLists[${at.join('], [')}]: ${shown(shaped.values)}${left}`,
        );
        return;
      }
      // Alone, a reading of ours costs the profile's phones SMS of their own: --frugal spares them.
      if (def.level !== 'MUST' && ctx.frugal && ctx.platform.sinkMobiles.length === 0)
        t.skip(
          `the largest legal batch was not sent, and alone this needs ${shaped.values.length} SMS to the profile's phones (no platform.sinkMobiles): skipped under --frugal`,
        );
      const r = await send(ctx, t, requestOf(ctx, shaped));
      expectAccepted(t, r, `${def.requirement(shaped)}; sent ${shown(shaped.values)}`);
      t.note(`accepted: ${shown(shaped.values)}${left}`);
    },
  });
}

const VALUES = '§5.4 MtSmsMessage.templateParas{}';
const COVERS = ['§5.4 MtSmsMessage.templateParas', '§1.2 JSON UTF-8'];

/** A template without variables, and variables at their maximum (§5.4): the words' own shapes. */
export const acceptedTemplateCases: Case<PlatformContext>[] = [
  shapeCase({
    shape: SHAPES.plain as Shape,
    clause: '§5.4 template variables',
    level: 'MUST',
    title: 'a template without variables is accepted without templateParas',
    covers: ['§5.4 MtSmsMessage.templateId', '§5.4 MtSmsMessage.templateParas'],
    requirement: (s) => `§5.4: templateParas may be left out for a template without variables (${s.tpl.id})`,
  }),
  shapeCase({
    shape: SHAPES.atMax as Shape,
    clause: '§5.4 template variables',
    level: 'MUST',
    title: "a template's variables, each at its maximum length, are accepted",
    decisions: ['D11'],
    words: [WORDS.variableLength],
    covers: ['§5.4 MtSmsMessage.templateParas', '§5.4 MtSmsMessage.templateParas{}'],
    requirement: (s) =>
      `§5.4: each value may be as long as its variable (${s.tpl.id}: ${(s.tpl.variables ?? []).map((v) => `${v.name} ${v.maxLength}`).join(', ')})`,
  }),
];

export const templateValueCases: Case<PlatformContext>[] = [
  shapeCase({
    shape: SHAPES.cjk as Shape,
    clause: VALUES,
    level: 'MUST',
    title: 'template values in Chinese (names, places), each within its maximum in UTF-8 bytes, are accepted',
    decisions: ['D7', 'D27'],
    words: [WORDS.json, tableRow('MtSmsMessage', ['templateParas']), WORDS.variableLength],
    covers: COVERS,
    requirement: () =>
      '§1.2, §5.4: templateParas is a Map<String,String> of a UTF-8 JSON request, and Chinese is the language of the document and of its own example (【华为】): Chinese values within their lengths are a valid request',
  }),
  platformCase({
    id: 'platform.templates.values.cjk-escaped',
    clause: '§1.2 JSON UTF-8',
    level: 'MUST',
    title:
      "template values in Chinese written as \\u escapes, as Python's json.dumps sends them, are accepted",
    decisions: ['D27', 'D30'],
    words: [WORDS.json],
    covers: ['§5.4 MtSmsMessage.templateParas'],
    skipUnless: (ctx) => {
      const shaped = (SHAPES.cjk as Shape).make(ctx);
      return 'skip' in shaped ? shaped.skip : undefined;
    },
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const shaped = (SHAPES.cjk as Shape).make(ctx);
      if ('skip' in shaped) t.skip(shaped.skip);
      const values = [chineseValues(shaped.tpl)];
      const body = WireBody.styled(requestOf(ctx, { ...shaped, values }), 'python');
      const r = await send(ctx, t, body);
      expectAccepted(
        t,
        r,
        `§1.2: the request is JSON; "\\u5f20" is the JSON text of 张 as much as its UTF-8 bytes are (RFC 8259 §7), and Python's json.dumps writes every non-ASCII character so; sent ${shown(values)}`,
      );
      t.note(`accepted: ${shown(values)} (${body.how})`);
    },
  }),
  shapeCase({
    shape: SHAPES.cjkAtMax as Shape,
    clause: VALUES,
    level: 'SHOULD',
    title:
      "template values of as many Chinese characters as each variable's maximum (counted in characters) are accepted",
    decisions: ['D7', 'D27'],
    covers: COVERS,
    requirement: () =>
      "D7: a variable's length is counted in characters (code points), so it holds as many Chinese characters as its maximum, 3 UTF-8 bytes each",
  }),
  shapeCase({
    shape: SHAPES.otherScripts as Shape,
    clause: VALUES,
    level: 'SHOULD',
    title:
      'template values in other scripts (Latin with diacritics, Cyrillic, Arabic, Hangul, kana, Greek, Hebrew, Devanagari, Thai) are accepted',
    decisions: ['D7', 'D27'],
    covers: COVERS,
    requirement: () =>
      'D27: a String of a UTF-8 JSON request may be in any script; the API sends to every country code (§1.4)',
  }),
  shapeCase({
    shape: SHAPES.emoji as Shape,
    clause: VALUES,
    level: 'SHOULD',
    title: 'template values with emoji (outside the BMP: 2 UTF-16 units, 4 UTF-8 bytes each) are accepted',
    decisions: ['D7', 'D27'],
    covers: COVERS,
    requirement: () =>
      'D27: a String may hold any Unicode character; each emoji here fits its variable in bytes too (D7)',
  }),
  shapeCase({
    shape: SHAPES.reordered as Shape,
    clause: '§5.4 template variables',
    level: 'SHOULD',
    title:
      "templateParas in another order than the template's variables (as a Java HashMap iterates) is accepted",
    decisions: ['D11'],
    covers: ['§5.4 MtSmsMessage.templateParas'],
    requirement: (s) =>
      `D11: values are matched to the variables by name (the map's keys), not by position; ${s.tpl.id} declares ${(s.tpl.variables ?? []).map((v) => `${v.name} ${v.maxLength}`).join(', ')}`,
  }),
];
