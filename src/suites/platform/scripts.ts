// What template values are written in besides ASCII (D27): Chinese, the document's own language,
// and the scripts of other countries the API sends to (its numbers start with any country code,
// §1.4), and emoji. Each value fits its variable's maximum in UTF-8 bytes unless a case says
// otherwise, so that a refusal is about the script, not about how a length is counted (D7).
import { CHINESE_WORDS, utf8Length } from '../../arbitraries/han.js';
import type { TemplateProfile, TemplateVariable } from '../../profile/profile.js';

/** A word or two per script, as names and places are written in it. */
export const OTHER_SCRIPTS: readonly { script: string; words: readonly string[] }[] = [
  { script: 'Latin with diacritics', words: ['José', 'Zoë'] },
  { script: 'Cyrillic', words: ['Иван', 'Оля'] },
  { script: 'Arabic', words: ['سارة', 'دبي'] },
  { script: 'Hangul', words: ['민준'] },
  { script: 'Japanese kana', words: ['さくら', 'はな'] },
  { script: 'Greek', words: ['Ελένη', 'Ζωή'] },
  { script: 'Hebrew', words: ['דוד'] },
  { script: 'Devanagari', words: ['राम'] },
  { script: 'Thai', words: ['ไทย'] },
];

/** Emoji outside the BMP: 1 code point, 2 UTF-16 units, 4 bytes each (D7). */
export const EMOJI: readonly string[] = ['🎉', '📦', '😀', '👍'];

/** The longest Chinese word within `maxBytes`, the `i`-th of the longest when several are as long. */
export function chineseWord(maxBytes: number, i = 0): string | undefined {
  const fitting = CHINESE_WORDS.filter((w) => utf8Length(w) <= maxBytes);
  const longest = Math.max(0, ...fitting.map((w) => [...w].length));
  const best = fitting.filter((w) => [...w].length === longest);
  return best.length > 0 ? best[i % best.length] : undefined;
}

/** Chinese text of exactly `length` ideographs (the words one after another). */
export function chineseOfLength(length: number): string {
  const all = [...CHINESE_WORDS.join('')];
  return Array.from({ length }, (_, i) => all[i % all.length]).join('');
}

/** A template's variables each filled by `fill`, or undefined when it has none. */
export function fillVariables(
  tpl: TemplateProfile,
  fill: (v: TemplateVariable, i: number) => string,
): Record<string, string> | undefined {
  const variables = tpl.variables ?? [];
  if (variables.length === 0) return undefined;
  return Object.fromEntries(variables.map((v, i) => [v.name, fill(v, i)]));
}

/** ASCII letters for a variable no script fits: never digits, which the guard reads as numbers. */
export function letters(v: TemplateVariable): string {
  return 'a'.repeat(Math.max(1, Math.min(v.maxLength, 5)));
}

/**
 * The words of `scripts` packed into messages of `tpl`'s variables, one word per script, each value
 * within its maximum in UTF-8 bytes, at most `most` messages; a variable left without a word gets
 * letters. Returns the messages' values and the scripts placed (in the order given).
 */
export function packScripts(
  tpl: TemplateProfile,
  scripts: readonly { script: string; words: readonly string[] }[],
  most: number,
): { messages: Record<string, string>[]; placed: string[] } {
  const variables = tpl.variables ?? [];
  const queue = [...scripts];
  const messages: Record<string, string>[] = [];
  const placed: string[] = [];
  while (queue.length > 0 && messages.length < most) {
    const paras: Record<string, string> = {};
    for (const v of variables) {
      let value = '';
      for (let k = 0; k < queue.length; ) {
        const { script, words } = queue[k] as (typeof scripts)[number];
        const appended = (w: string) => `${value}${value ? ' ' : ''}${w}`;
        const word = words.find((w) => utf8Length(appended(w)) <= v.maxLength);
        if (word === undefined) {
          k++;
          continue;
        }
        value = appended(word);
        placed.push(script);
        queue.splice(k, 1);
      }
      paras[v.name] = value || letters(v);
    }
    if (Object.values(paras).every((x, i) => x === letters(variables[i] as TemplateVariable))) break;
    messages.push(paras);
  }
  return { messages, placed };
}
