// §5.4 templates and signatures that are refused: a missing variable or a value one character too
// long is not accepted (MUST) and is a parameter format error, 100003 (SHOULD, D11). A signature
// that is not approved is not accepted (MUST, D17; which code it gets is reported). What is
// accepted (no templateParas for a template without variables, values at their maximum, in
// Chinese and other scripts) is template-values.ts, judged with the largest legal batch.
import type { Case, CaseRecorder } from '../../cases/case.js';
import type { TemplateProfile } from '../../profile/profile.js';
import { WORDS } from '../../rules/index.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectCode, expectNotAccepted } from './checks.js';
import {
  type PlatformContext,
  platformCase,
  send,
  templateParasFor,
  templateWithVariables,
  validMessage,
  validRequest,
} from './context.js';
import { type JsonObject, uniqueId } from './values.js';

const needsVariables = (ctx: PlatformContext) =>
  templateWithVariables(ctx.platform) ? undefined : 'the profile has no template with variables';

function withParas(ctx: PlatformContext, tpl: TemplateProfile, paras: Record<string, string>): JsonObject {
  const { templateParas: _drop, ...message } = validMessage(ctx.platform, undefined, tpl);
  return validRequest(ctx.platform, { requestLists: [{ ...message, templateParas: paras }] });
}

/** The template's variables with the first one left out, and its name. */
function missingOne(tpl: TemplateProfile): { paras: Record<string, string>; name: string } {
  const paras = templateParasFor(tpl) ?? {};
  const name = tpl.variables?.[0]?.name as string;
  const { [name]: _gone, ...rest } = paras;
  return { paras: rest, name };
}

/** The template's variables at their maximum, the first one a character longer. */
function tooLongOne(tpl: TemplateProfile): { paras: Record<string, string>; name: string; max: number } {
  const first = tpl.variables?.[0] as { name: string; maxLength: number };
  const paras =
    templateParasFor(tpl, (v) => '1'.repeat(v.name === first.name ? v.maxLength + 1 : v.maxLength)) ?? {};
  return { paras, name: first.name, max: first.maxLength };
}

function variableFaultCases(
  name: 'missing' | 'too-long',
  make: (tpl: TemplateProfile) => { paras: Record<string, string>; said: string },
): Case<PlatformContext>[] {
  const base = {
    clause: '§5.4 template variables',
    decisions: ['D11'],
    skipUnless: needsVariables,
  };
  return [
    platformCase({
      ...base,
      id: `platform.templates.variables.${name}`,
      level: 'MUST',
      words: [WORDS.variables],
      title: `a message whose template variable is ${name === 'missing' ? 'missing' : 'one character too long'} is not accepted`,
      covers: ['§5.4 MtSmsMessage.templateParas'],
      async run(ctx: PlatformContext, t: CaseRecorder) {
        const tpl = templateWithVariables(ctx.platform) as TemplateProfile;
        const { paras, said } = make(tpl);
        const request = withParas(ctx, tpl, paras);
        const r = await send(ctx, t, request);
        const answer = expectNotAccepted(
          t,
          r,
          `§5.4: the values must match the template's variables in number and length; ${said}`,
          { request, scope: { message: 0 } },
        );
        if (answer.resultCode !== '0') t.note(`not accepted: resultCode ${answer.resultCode}`);
      },
    }),
    platformCase({
      ...base,
      id: `platform.templates.variables.${name}.code`,
      level: 'SHOULD',
      title: `a message whose template variable is ${name === 'missing' ? 'missing' : 'one character too long'} is rejected with 100003`,
      covers: [codeKey('100003')],
      async run(ctx: PlatformContext, t: CaseRecorder) {
        const tpl = templateWithVariables(ctx.platform) as TemplateProfile;
        const { paras, said } = make(tpl);
        const request = withParas(ctx, tpl, paras);
        const r = await send(ctx, t, request);
        expectCode(t, r, ['100003'], `§5.4, D11: a variable mismatch is a parameter format error; ${said}`, {
          request,
          scope: { message: 0 },
        });
      },
    }),
  ];
}

export const templateCases: Case<PlatformContext>[] = [
  ...variableFaultCases('missing', (tpl) => {
    const { paras, name } = missingOne(tpl);
    return { paras, said: `the variable ${name} of ${tpl.id} is left out` };
  }),
  ...variableFaultCases('too-long', (tpl) => {
    const { paras, name, max } = tooLongOne(tpl);
    return {
      paras,
      said: `the variable ${name} of ${tpl.id} has ${max + 1} characters (its maximum is ${max})`,
    };
  }),
  platformCase({
    id: 'platform.templates.signature.unapproved',
    clause: '§5.4 signature approved',
    level: 'MUST',
    title: 'a signature that is not approved is not accepted',
    decisions: ['D17'],
    words: [WORDS.approved],
    covers: ['§5.4 MtSmsMessage.signature'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const signature = `【KIT${uniqueId(ctx, 8)}】`;
      const message = { ...validMessage(ctx.platform), signature };
      const request = validRequest(ctx.platform, { requestLists: [message] });
      const r = await send(ctx, t, request);
      const answer = expectNotAccepted(
        t,
        r,
        `§5.4: the signature must be an approved one; ${signature} is not`,
        { request, scope: { message: 0 } },
      );
      if (answer.resultCode !== '0')
        t.note(
          `not accepted: resultCode ${answer.resultCode} (D17: any non-"0" code; the mock answers 100003)`,
        );
    },
  }),
];
