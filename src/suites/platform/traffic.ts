// The valid messages real senders send that one case each judges (D27, D11): a template without
// variables, variables at their maximum, Chinese values, Chinese to the maximum in characters,
// other scripts, emoji, values in another order than the template's. Each shape is made from the
// profile's templates, or says why it cannot be. The largest legal batch (limits.ts: 20 messages,
// the first with every other limit at once) carries them all, mixed with sample messages, so a
// run pays nothing more for them on a conforming platform; a case sends its shape alone when that
// batch was not sent or not accepted, so a refusal is always pinned on its own shape.
import type { TemplateProfile } from '../../profile/profile.js';
import { BATCH_READERS } from './batch-readers.js';
import {
  type PlatformContext,
  spendingMobiles,
  templateParasFor,
  templateWithVariables,
  validMessage,
} from './context.js';
import {
  chineseOfLength,
  chineseWord,
  EMOJI,
  fillVariables,
  letters,
  OTHER_SCRIPTS,
  packScripts,
} from './scripts.js';
import { type JsonObject, mixedMessages, varied } from './values.js';

/** Most messages the other scripts are spread over. */
const MOST_SCRIPT_MESSAGES = 4;

/** One shape's messages: a template and the templateParas of each message (undefined: none). */
export interface Shaped {
  tpl: TemplateProfile;
  values: (Record<string, string> | undefined)[];
  /** Scripts of OTHER_SCRIPTS left out (no variable long enough, or no room). */
  left?: string[];
}

export interface Shape {
  /** The id of the case that judges it. */
  id: string;
  make(ctx: PlatformContext): Shaped | { skip: string };
}

/** The first template with a variable of at least `chars` characters. */
function templateFitting(ctx: PlatformContext, chars: number): TemplateProfile | undefined {
  return ctx.platform.templates.find((tpl) => (tpl.variables ?? []).some((v) => v.maxLength >= chars));
}

function fitting(ctx: PlatformContext, chars: number, what: string): TemplateProfile | { skip: string } {
  return (
    templateFitting(ctx, chars) ?? {
      skip: `the profile has no template with a variable of at least ${chars} characters: ${what} would not fit`,
    }
  );
}

function withVariables(ctx: PlatformContext): TemplateProfile | { skip: string } {
  return templateWithVariables(ctx.platform) ?? { skip: 'the profile has no template with variables' };
}

/** Chinese in every variable with room for a character in UTF-8 bytes, letters in the others. */
export function chineseValues(tpl: TemplateProfile): Record<string, string> {
  return fillVariables(tpl, (v, i) => chineseWord(v.maxLength, i) ?? letters(v)) ?? {};
}

const made = (tpl: TemplateProfile | { skip: string }, values: (t: TemplateProfile) => Shaped['values']) =>
  'skip' in tpl ? tpl : { tpl, values: values(tpl) };

export const SHAPES: Readonly<Record<string, Shape>> = {
  plain: {
    id: BATCH_READERS.plain,
    make: (ctx) => {
      const tpl = ctx.platform.templates.find((x) => (x.variables?.length ?? 0) === 0);
      return tpl ? { tpl, values: [undefined] } : { skip: 'the profile has no template without variables' };
    },
  },
  atMax: {
    id: BATCH_READERS.atMax,
    make: (ctx) => made(withVariables(ctx), (tpl) => [templateParasFor(tpl)]),
  },
  cjk: {
    id: BATCH_READERS.cjk,
    make: (ctx) => made(fitting(ctx, 3, 'one Chinese character (3 bytes)'), (tpl) => [chineseValues(tpl)]),
  },
  cjkAtMax: {
    id: BATCH_READERS.cjkAtMax,
    make: (ctx) =>
      made(withVariables(ctx), (tpl) => [fillVariables(tpl, (v) => chineseOfLength(v.maxLength))]),
  },
  otherScripts: {
    id: BATCH_READERS.otherScripts,
    make: (ctx) => {
      const tpl = fitting(ctx, 4, 'a word of another script');
      if ('skip' in tpl) return tpl;
      const { messages, placed } = packScripts(tpl, OTHER_SCRIPTS, MOST_SCRIPT_MESSAGES);
      const left = OTHER_SCRIPTS.map((s) => s.script).filter((s) => !placed.includes(s));
      return { tpl, values: messages, ...(left.length > 0 ? { left } : {}) };
    },
  },
  emoji: {
    id: BATCH_READERS.emoji,
    make: (ctx) =>
      made(fitting(ctx, 4, 'one emoji (4 bytes)'), (tpl) => [
        fillVariables(tpl, (v) =>
          v.maxLength >= 4 ? EMOJI.slice(0, Math.floor(v.maxLength / 4)).join('') : letters(v),
        ),
      ]),
  },
  reordered: {
    id: BATCH_READERS.reordered,
    make: (ctx) => {
      const tpl = ctx.platform.templates.find((x) => (x.variables?.length ?? 0) > 1);
      if (!tpl) return { skip: 'the profile has no template with two variables or more' };
      // Each value at its own variable's maximum, the last variable first: read in order instead
      // of by name, a longer value lands on a shorter variable.
      const order = [...(tpl.variables ?? [])].reverse();
      return { tpl, values: [Object.fromEntries(order.map((v) => [v.name, 'x'.repeat(v.maxLength)]))] };
    },
  },
};

/** A shape's messages, each to the next spending number from `from`. */
export function shapeMessages(ctx: PlatformContext, shaped: Shaped, from = 0): JsonObject[] {
  const mobiles = spendingMobiles(ctx.platform);
  return shaped.values.map((templateParas, i) => {
    const { templateParas: _default, ...message } = validMessage(
      ctx.platform,
      [mobiles[(from + i) % mobiles.length] as string],
      shaped.tpl,
    );
    return templateParas ? { ...message, templateParas } : message;
  });
}

/**
 * The largest legal batch: `count` messages, the first the plain one every other limit goes into,
 * then every shape the profile can give (each message varied: ids, extCodes), then sample messages
 * with the templates in turn; and where each shape's messages sit.
 */
export function largestBatch(
  ctx: PlatformContext,
  count: number,
): { messages: JsonObject[]; shapes: Map<string, number[]> } {
  const mobiles = spendingMobiles(ctx.platform);
  const messages: JsonObject[] = [validMessage(ctx.platform, [mobiles[0] as string])];
  const shapes = new Map<string, number[]>();
  for (const shape of Object.values(SHAPES)) {
    const shaped = shape.make(ctx);
    if ('skip' in shaped || messages.length + shaped.values.length > count) continue;
    const at = shaped.values.map((_, i) => messages.length + i);
    messages.push(
      ...shapeMessages(ctx, shaped, messages.length).map((m, i) => varied(ctx, m, at[i] as number)),
    );
    shapes.set(shape.id, at);
  }
  messages.push(...mixedMessages(ctx, count - messages.length, messages.length));
  return { messages, shapes };
}
