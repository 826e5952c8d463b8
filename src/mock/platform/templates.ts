// Templates and signatures (§5.4, D11, D17): is the template known, do the variables match it by
// name, is each value within its variable's length, is the signature approved; and the text a
// message renders to, which sets how many parts it is sent in (smsCount, §4).
import type { MtSmsMessage, SendTemplateMessageRequest } from '../../../generated/types.js';
import { codePointLength as codePoints } from '../../schema/length.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { SCHEMA_LIMITS } from '../limits.js';
import type { TemplateConfig } from './config.js';
import type { Rejection } from './hooks.js';

/** An SMS of up to 70 UCS-2 characters goes as one part; a longer one as parts of 67 (the 3 others carry the concatenation header). */
const SINGLE_PART_CHARS = 70;
const MULTI_PART_CHARS = 67;

interface KnownTemplate {
  text: string;
  /** Variable name → maximum length; a Map, so a key like `__proto__` is just a key. */
  variables: Map<string, number>;
  /** The text split at its placeholders once: literal, name, literal, …, literal. */
  parts: string[];
}

const PLACEHOLDER = /\{([^{}]*)\}/;

export interface TemplateBook {
  /** The first reason the request's messages do not fit the templates and signatures, if any. */
  check(request: SendTemplateMessageRequest): Rejection | undefined;
  /** Signature + template text with the variables filled in. */
  render(message: MtSmsMessage): string;
}

export function smsCount(text: string): number {
  const length = codePoints(text);
  const parts = length <= SINGLE_PART_CHARS ? 1 : Math.ceil(length / MULTI_PART_CHARS);
  return Math.min(Math.max(parts, SCHEMA_LIMITS.smsCountMin, 1), SCHEMA_LIMITS.smsCountMax);
}

function parasOf(message: MtSmsMessage): [string, unknown][] {
  return message.templateParas ? Object.entries(message.templateParas) : [];
}

/** The configured templates by id, each with its variables and its text split at the placeholders. */
function compileTemplates(templates: readonly TemplateConfig[]): Map<string, KnownTemplate> {
  return new Map<string, KnownTemplate>(
    templates.map((t) => [
      t.id,
      {
        text: t.text,
        variables: new Map((t.variables ?? []).map((v) => [v.name, v.maxLength])),
        // split() with a capture group keeps the names at the odd indexes.
        parts: t.text.split(new RegExp(PLACEHOLDER, 'g')),
      },
    ]),
  );
}

const reject = (desc: string): Rejection => ({ code: RESULT_CODES.formatError, desc });

/** The first variable given that the template lacks or that is too long, or one it has and was not given. */
function checkVariables(template: KnownTemplate, message: MtSmsMessage, at: string): Rejection | undefined {
  const given = parasOf(message);
  for (const [name, value] of given) {
    const max = template.variables.get(name);
    if (max === undefined)
      return reject(`${at}.templateParas has ${JSON.stringify(name)}, not a variable of the template (D11)`);
    if (typeof value === 'string' && codePoints(value) > max)
      return reject(
        `${at}.templateParas.${name} has ${codePoints(value)} characters; the template allows ${max} (D11)`,
      );
  }
  // Every name given is one of the template's (checked above), each once: as many means all.
  const givenNames = given.length === template.variables.size ? undefined : new Set(given.map(([n]) => n));
  if (givenNames)
    for (const name of template.variables.keys())
      if (!givenNames.has(name))
        return reject(`${at}.templateParas lacks the template's variable ${JSON.stringify(name)} (D11)`);
  return undefined;
}

function checkMessage(
  byId: ReadonlyMap<string, KnownTemplate>,
  approved: ReadonlySet<string>,
  message: MtSmsMessage,
  at: string,
): Rejection | undefined {
  const template = byId.get(message.templateId);
  if (!template)
    return reject(`${at}.templateId ${JSON.stringify(message.templateId)} is not a known template (D17)`);
  const wrongVariable = checkVariables(template, message, at);
  if (wrongVariable) return wrongVariable;
  if (!approved.has(message.signature))
    return reject(`${at}.signature ${JSON.stringify(message.signature)} is not an approved signature (D17)`);
  return undefined;
}

function renderMessage(byId: ReadonlyMap<string, KnownTemplate>, message: MtSmsMessage): string {
  const parts = byId.get(message.templateId)?.parts ?? [''];
  const paras = message.templateParas;
  let text = `${message.signature}${parts[0]}`;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    // Own keys only, as Object.entries gave them; an absent or null value renders as nothing.
    const value = paras && Object.hasOwn(paras, name) ? paras[name] : undefined;
    text += `${String(value ?? '')}${parts[i + 1]}`;
  }
  return text;
}

export function createTemplateBook(
  templates: readonly TemplateConfig[],
  signatures: readonly string[],
): TemplateBook {
  const byId = compileTemplates(templates);
  const approved = new Set(signatures);
  return {
    check(request) {
      for (const [i, message] of request.requestLists.entries()) {
        const rejection = checkMessage(byId, approved, message, `requestLists[${i}]`);
        if (rejection) return rejection;
      }
      return undefined;
    },
    render: (message) => renderMessage(byId, message),
  };
}
