// Random send requests valid for one target: the schema-derived arbitraries with the fields the
// platform checks against its records pinned to the profile (credentials, signature, template
// and its variables, numbers), ids in ASCII letters and digits, strings in printable ASCII (so no
// verdict depends on how lengths are counted, D7), optional fields never empty (whether "" counts
// as absent is our reading, D6/D15, not the spec's), statusCallback only ever the kit's receiver,
// and every list at most `maxListLength` long so a run's recipients fit the budget.
import fc from 'fast-check';
import { alphanumeric, messageArbitrary } from '../../arbitraries/index.js';
import type { PlatformProfile, TemplateProfile } from '../../profile/profile.js';
import type { Json } from '../../schema/instances.js';
import type { MessageType } from '../../schema/message-types.js';
import { nodeAt, type PathSegment } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';

function maxLengthOf(type: MessageType, path: PathSegment[]): number {
  const max = nodeAt(messageSchema(type), path)?.maxLength;
  if (typeof max !== 'number') throw new Error(`${type} ${path.join('.')} has no maxLength`);
  return max;
}

function maxItemsOf(type: MessageType, path: PathSegment[], cap: number): number {
  return Math.min(nodeAt(messageSchema(type), path)?.maxItems ?? cap, cap);
}

const id = (max: number) => fc.string({ unit: alphanumeric, minLength: 1, maxLength: max });
const digitString = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
const ascii = (max: number) => fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: max });

const named: fc.Arbitrary<Json> = fc.record(
  {
    key: ascii(maxLengthOf('NamedParameter', ['key'])),
    value: ascii(maxLengthOf('NamedParameter', ['value'])),
  },
  { requiredKeys: ['key'] },
);

function namedList(type: MessageType, path: PathSegment[], cap: number): fc.Arbitrary<Json> {
  return fc.array(named, { minLength: 1, maxLength: Math.max(1, maxItemsOf(type, path, cap)) });
}

/** Values for a template's variables: one per variable, letters and digits up to its maximum. */
function parasFor(tpl: TemplateProfile): fc.Arbitrary<Record<string, Json> | undefined> {
  const variables = tpl.variables ?? [];
  if (variables.length === 0) return fc.constant(undefined);
  return fc.record(Object.fromEntries(variables.map((v) => [v.name, id(v.maxLength)])));
}

function messageFor(
  platform: PlatformProfile,
  maxListLength: number,
  mobiles: readonly string[],
  maxMobiles = maxListLength,
): fc.Arbitrary<Json> {
  // Built once per template, not per drawn value: making a schema's arbitrary walks the schema.
  const perTemplate = new Map(platform.templates.map((tpl) => [tpl, messageForTemplate(tpl)] as const));
  return fc.constantFrom(...platform.templates).chain((tpl) => perTemplate.get(tpl) as fc.Arbitrary<Json>);

  function messageForTemplate(tpl: TemplateProfile): fc.Arbitrary<Json> {
    return fc
      .tuple(
        messageArbitrary('MtSmsMessage', {
          maxListLength,
          overrides: {
            // Each number once per message: a repeated one a platform may merge into one result.
            mobiles: fc.uniqueArray(fc.constantFrom(...mobiles), {
              minLength: 1,
              maxLength: Math.max(1, maxItemsOf('MtSmsMessage', ['mobiles'], maxMobiles)),
            }),
            templateId: fc.constant(tpl.id),
            signature: fc.constant(platform.signature),
            messageId: id(maxLengthOf('MtSmsMessage', ['messageId'])),
            extCode: digitString(maxLengthOf('MtSmsMessage', ['extCode'])),
            extendInfos: namedList('MtSmsMessage', ['extendInfos'], maxListLength),
            // Replaced below by the template's own variables: a random map drawn here was thrown away.
            templateParas: fc.constant(null),
          },
        }),
        parasFor(tpl),
        fc.boolean(),
      )
      .map(([message, paras, ownId]) => {
        // templateParas follows the template: present with every variable, or absent.
        const { templateParas: _placeholder, ...rest } = message as { [key: string]: Json };
        // A message without its own messageId is what §5.4's generated id is about: the record
        // alone leaves one out of six without, this about half.
        if (!ownId) delete rest.messageId;
        return paras ? { ...rest, templateParas: paras } : rest;
      });
  }
}

export interface ProfileArbitraryOptions {
  /** The kit's receiver: the only statusCallback a generated request carries. */
  statusCallback: string;
  /** Longest list of any kind (messages, numbers, extension infos). */
  maxListLength: number;
  /** The numbers drawn from (default: the profile's phones). */
  mobiles?: readonly string[];
  /** Most recipients (messages × numbers) a request has; default: lists of up to maxListLength each. */
  maxRecipients?: number;
}

/** 1 to `max` messages, with at most `max` numbers among them all: few recipients, in any shape. */
function fewRecipients(
  platform: PlatformProfile,
  options: ProfileArbitraryOptions,
  mobiles: readonly string[],
  max: number,
): fc.Arbitrary<Json> {
  const most = Math.max(1, Math.min(max, maxItemsOf('SendTemplateMessageRequest', ['requestLists'], max)));
  // One list arbitrary per count, made once (not for every drawn value).
  const lists = Array.from({ length: most }, (_, i) =>
    fc.array(messageFor(platform, options.maxListLength, mobiles, Math.max(1, Math.floor(max / (i + 1)))), {
      minLength: i + 1,
      maxLength: i + 1,
    }),
  );
  return fc.integer({ min: 1, max: most }).chain((count) => lists[count - 1] as fc.Arbitrary<Json>);
}

/** Valid send requests for this profile, by construction (no filter). */
export function validRequestArbitrary(
  platform: PlatformProfile,
  options: ProfileArbitraryOptions,
): fc.Arbitrary<Json> {
  const type = 'SendTemplateMessageRequest';
  return messageArbitrary(type, {
    maxListLength: options.maxListLength,
    overrides: {
      account: fc.constant(platform.account),
      password: fc.constant(platform.password),
      'requestLists.[]': messageFor(platform, options.maxListLength, options.mobiles ?? platform.mobiles),
      ...(options.maxRecipients
        ? {
            requestLists: fewRecipients(
              platform,
              options,
              options.mobiles ?? platform.mobiles,
              options.maxRecipients,
            ),
          }
        : {}),
      requestId: id(maxLengthOf(type, ['requestId'])),
      statusCallback: fc.constant(options.statusCallback),
      extendInfos: namedList(type, ['extendInfos'], options.maxListLength),
    },
  });
}
