// Random send requests valid for one target: the schema-derived arbitraries with the fields the
// platform checks against its records pinned to the profile (credentials, signature, template
// and its variables, numbers), ids in ASCII letters and digits or in the shape of the spec's own
// example (202003270923-0000001), strings in printable ASCII, template values as senders fill
// them (letters and digits, digits with a leading zero, ASCII text with quotes and backslashes,
// Chinese), each within its length however it is counted (D7: Chinese fitted in
// UTF-8 bytes), optional fields never empty (whether "" counts as absent is our reading, D6/D15,
// not the spec's), statusCallback only ever the kit's receiver, and every list at most
// `maxListLength` long. A request has one recipient, two, or (when `maxRecipients` allows) a batch
// of several one-number messages with the profile's templates mixed.
import fc from 'fast-check';
import { hanText } from '../../arbitraries/han.js';
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

/** An id as the spec's own example writes one (202003270923-0000001): a time, a dash, a serial. */
function exampleShapedId(max: number): fc.Arbitrary<string> {
  const time = 12;
  if (max < time + 2) return id(max);
  return fc
    .tuple(
      digitString(time).map((d) => d.padStart(time, '0')),
      digitString(max - time - 1),
    )
    .map(([t, serial]) => `${t}-${serial}`);
}

const someId = (max: number) =>
  fc.oneof({ weight: 2, arbitrary: id(max) }, { weight: 1, arbitrary: exampleShapedId(max) });

/** What names, addresses and times are written with in ASCII: JSON's own escapes (" and \) among them; no markup or braces. */
const textUnit = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.,:;\'"\\/#()&@+',
);

/** A template value of at most `max` characters, as senders fill one (never blank: a platform may read that as empty). */
function templateValue(max: number): fc.Arbitrary<string> {
  const chinese = hanText(max);
  const kinds: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: id(max) },
    // Codes keep their leading zeros as strings ("002569", the vendor's samples).
    { weight: 1, arbitrary: digitString(max).map((d) => `0${d}`.slice(0, max)) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: textUnit, minLength: 1, maxLength: max }).filter((v) => v.trim() !== ''),
    },
    ...(chinese ? [{ weight: 3, arbitrary: chinese }] : []),
  ];
  return fc.oneof(...kinds);
}

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

/** Values for a template's variables: one per variable, each within its maximum (templateValue). */
function parasFor(tpl: TemplateProfile): fc.Arbitrary<Record<string, Json> | undefined> {
  const variables = tpl.variables ?? [];
  if (variables.length === 0) return fc.constant(undefined);
  return fc.record(Object.fromEntries(variables.map((v) => [v.name, templateValue(v.maxLength)])));
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
            messageId: someId(maxLengthOf('MtSmsMessage', ['messageId'])),
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

/**
 * Few recipients, in the shapes senders send: one; two (one message with up to two numbers, or
 * two messages); and, when `max` allows three or more, a batch of 3 to `max` one-number messages
 * (at most the schema's maxItems), each with a template of its own drawing.
 */
function fewRecipients(
  platform: PlatformProfile,
  options: ProfileArbitraryOptions,
  mobiles: readonly string[],
  max: number,
): fc.Arbitrary<Json> {
  const most = Math.max(1, Math.min(max, maxItemsOf('SendTemplateMessageRequest', ['requestLists'], max)));
  const one = messageFor(platform, options.maxListLength, mobiles, 1);
  const shapes: fc.WeightedArbitrary<Json>[] = [
    { weight: 4, arbitrary: fc.tuple(one) as fc.Arbitrary<Json> },
  ];
  if (max >= 2) {
    const upToTwo = messageFor(platform, options.maxListLength, mobiles, 2);
    shapes.push({
      weight: 2,
      arbitrary: fc.oneof(fc.tuple(upToTwo), fc.tuple(one, one)) as fc.Arbitrary<Json>,
    });
  }
  if (most >= 3) shapes.push({ weight: 1, arbitrary: fc.array(one, { minLength: 3, maxLength: most }) });
  return fc.oneof(...shapes);
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
      requestId: someId(maxLengthOf(type, ['requestId'])),
      statusCallback: fc.constant(options.statusCallback),
      extendInfos: namedList(type, ['extendInfos'], options.maxListLength),
    },
  });
}
