// Requests that are valid for a mock platform's target profile: built by hand for the example
// tests, and as fast-check arbitraries (schema-derived, then pinned to the profile) for the
// property tests.
import fc from 'fast-check';
import type { MtSmsMessage, SendTemplateMessageRequest } from '../../generated/types.js';
import { messageArbitrary } from '../../src/arbitraries/from-schema.js';
import { stringFor } from '../../src/arbitraries/strings.js';
import type { TargetProfile } from '../../src/mock/index.js';
import type { Json } from '../../src/schema/instances.js';

type Template = TargetProfile['platform']['templates'][number];

/** Values for each of the template's variables, at their maximum length (ASCII digits). */
export function parasFor(template: Template): Record<string, string> | undefined {
  if (!template.variables?.length) return undefined;
  return Object.fromEntries(template.variables.map((v) => [v.name, '7'.repeat(v.maxLength)]));
}

export function templateWith(profile: TargetProfile, variables: boolean): Template {
  const found = profile.platform.templates.find((t) => (t.variables?.length ?? 0) > 0 === variables);
  if (!found) throw new Error(`the profile has no template ${variables ? 'with' : 'without'} variables`);
  return found;
}

export function validMessage(
  profile: TargetProfile,
  options: { variables?: boolean; mobiles?: string[] } = {},
): MtSmsMessage {
  const template = templateWith(profile, options.variables ?? false);
  const templateParas = parasFor(template);
  return {
    mobiles: options.mobiles ?? [...profile.platform.mobiles],
    templateId: template.id,
    ...(templateParas ? { templateParas } : {}),
    signature: profile.platform.signature,
  };
}

export function validRequest(
  profile: TargetProfile,
  extra: Partial<SendTemplateMessageRequest> = {},
  messages: MtSmsMessage[] = [validMessage(profile)],
): SendTemplateMessageRequest {
  return {
    account: profile.platform.account,
    password: profile.platform.password,
    requestLists: messages,
    ...extra,
  };
}

/** A template of the profile and valid values for its variables (code points, any length up to the maximum). */
function templateAndParas(
  profile: TargetProfile,
): fc.Arbitrary<{ templateId: string; templateParas?: Record<string, string> }> {
  return fc.oneof(
    ...profile.platform.templates.map((t) =>
      t.variables?.length
        ? fc
            .record(
              Object.fromEntries(t.variables.map((v) => [v.name, stringFor({ maxLength: v.maxLength })])),
            )
            .map((templateParas) => ({ templateId: t.id, templateParas }))
        : fc.constant({ templateId: t.id }),
    ),
  );
}

/**
 * Valid requests for the profile: every field from the schema's arbitrary, then account, password,
 * signature, mobiles, template and variables pinned to the profile. statusCallback is left out or
 * empty (no push anywhere), unless `statusCallback` is given.
 */
export function validRequestArbitrary(
  profile: TargetProfile,
  options: { statusCallback?: string; maxListLength?: number } = {},
): fc.Arbitrary<Json> {
  const message = fc
    .tuple(
      messageArbitrary('MtSmsMessage', {
        overrides: {
          'mobiles.[]': fc.constantFrom(...profile.platform.mobiles),
          signature: fc.constant(profile.platform.signature),
        },
        maxListLength: options.maxListLength ?? 8,
      }),
      templateAndParas(profile),
    )
    .map(([generated, template]) => {
      const { templateParas: _drop, ...rest } = generated as Record<string, Json>;
      return { ...rest, ...template } as Json;
    });
  return messageArbitrary('SendTemplateMessageRequest', {
    overrides: {
      account: fc.constant(profile.platform.account),
      password: fc.constant(profile.platform.password),
      statusCallback: fc.constant(options.statusCallback ?? ''),
      'requestLists.[]': message,
    },
    maxListLength: options.maxListLength ?? 8,
  });
}
