// One validator per message: a type guard that can hand back its violations.

import type { ValidateFunction } from 'ajv';
import type {
  MtSmsMessage,
  MtSmsMessageRsp,
  NamedParameter,
  NotifyReportMessageRequest,
  NotifyResponse,
  NotifySmsMessageRequest,
  SendTemplateMessageRequest,
  SendTemplateMessageResponse,
  SmsApiMessages,
} from '../../generated/types.js';
import * as plainExact from '../../generated/validators/plain-exact.js';
import * as plainGuard from '../../generated/validators/plain-guard.js';
import * as strictExact from '../../generated/validators/strict-exact.js';
import * as strictGuard from '../../generated/validators/strict-guard.js';
import { MESSAGE_TYPES, type MessageType } from '../schema/message-types.js';
import { explain } from './explain.js';
import type { Flavour } from './flavour.js';
import type { Violation } from './violation.js';

/** A type guard for one message. Pass an array to receive the violations when it answers false. */
export type Guard<T> = (data: unknown, violations?: Violation[]) => data is T;

export interface MessageValidator<T> {
  readonly type: MessageType;
  /** True when `data` keeps every rule the spec states (MUST). */
  readonly is: Guard<T>;
  /** True when `data` also keeps our SHOULD readings (number grammar, time format, callback URL). */
  readonly isStrict: Guard<T>;
  /** Every violation of the MUST rules (empty when valid). */
  violations(data: unknown): Violation[];
  /** Every violation of the MUST and SHOULD rules, each marked with its level. */
  strictViolations(data: unknown): Violation[];
}

/**
 * The validators the kit runs: ajv standalone code that `npm run generate` compiled from the schemas
 * with the options of ajv.ts (generated/validators/), so no process compiles a schema at start.
 * test/validators-generated.test.ts checks they judge as the runtime-compiled ones do.
 */
const GENERATED: Record<'plain' | 'strict', Record<Flavour, Record<string, unknown>>> = {
  plain: { exact: plainExact, guard: plainGuard },
  strict: { exact: strictExact, guard: strictGuard },
};

/** The generated validator of one message in one flavour (strict or plain, exact or guard). */
export function generatedValidator(type: MessageType, strict: boolean, flavour: Flavour): ValidateFunction {
  const fn = GENERATED[strict ? 'strict' : 'plain'][flavour][type];
  if (typeof fn !== 'function')
    throw new Error(`no generated ${flavour} validator for ${type}: run npm run generate`);
  return fn as ValidateFunction;
}

function makeValidator<K extends MessageType>(type: K): MessageValidator<SmsApiMessages[K]> {
  // The hot path is one call of the guard, which accepts only what the exact validator accepts
  // (ajv.ts); what it refuses, the exact one judges and explains.
  const plain = {
    guard: generatedValidator(type, false, 'guard'),
    exact: generatedValidator(type, false, 'exact'),
  };
  const strictOnes = {
    guard: generatedValidator(type, true, 'guard'),
    exact: generatedValidator(type, true, 'exact'),
  };
  const run = (strict: boolean, data: unknown, out?: Violation[]): boolean => {
    const which = strict ? strictOnes : plain;
    if (which.guard(data)) return true;
    const exact = which.exact;
    if (exact(data)) return true;
    if (out) out.push(...explain(type, exact.errors));
    return false;
  };
  return {
    type,
    is: (data: unknown, out?: Violation[]): data is SmsApiMessages[K] => run(false, data, out),
    isStrict: (data: unknown, out?: Violation[]): data is SmsApiMessages[K] => run(true, data, out),
    violations(data) {
      const out: Violation[] = [];
      run(false, data, out);
      return out;
    },
    strictViolations(data) {
      const out: Violation[] = [];
      run(true, data, out);
      return out;
    },
  };
}

export const validators: { readonly [K in MessageType]: MessageValidator<SmsApiMessages[K]> } =
  Object.fromEntries(MESSAGE_TYPES.map((t) => [t, makeValidator(t)])) as {
    [K in MessageType]: MessageValidator<SmsApiMessages[K]>;
  };

export const isSendTemplateMessageRequest: Guard<SendTemplateMessageRequest> =
  validators.SendTemplateMessageRequest.is;
export const isSendTemplateMessageResponse: Guard<SendTemplateMessageResponse> =
  validators.SendTemplateMessageResponse.is;
export const isMtSmsMessage: Guard<MtSmsMessage> = validators.MtSmsMessage.is;
export const isMtSmsMessageRsp: Guard<MtSmsMessageRsp> = validators.MtSmsMessageRsp.is;
export const isNamedParameter: Guard<NamedParameter> = validators.NamedParameter.is;
export const isNotifySmsMessageRequest: Guard<NotifySmsMessageRequest> =
  validators.NotifySmsMessageRequest.is;
export const isNotifyReportMessageRequest: Guard<NotifyReportMessageRequest> =
  validators.NotifyReportMessageRequest.is;
export const isNotifyResponse: Guard<NotifyResponse> = validators.NotifyResponse.is;
