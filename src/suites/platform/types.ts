// The JSON types of the send request (walked from its schema): a field of the wrong type is a
// parameter format error, 100003. The wrong value is the intended one in a form a lenient binder
// would still read (a digit string as a number, one value instead of a list, a value wrapped in a
// list), so a platform that coerces instead of rejecting is caught, and is guarded and budgeted
// as if it had accepted the intended request.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { tableRow, WORDS } from '../../rules/index.js';
import { type Constraint, constraintsOf } from '../../schema/constraints.js';
import { withValueAt } from '../../schema/instances.js';
import { formatPath } from '../../schema/navigate.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectFormatError, faultScope, formatFaultDecisions, short } from './checks.js';
import { type PlatformContext, platformCase, send } from './context.js';
import { idPath, pathKeyOf, readAt, requestHolding, wrongTypeOf } from './values.js';

const TYPED = constraintsOf('SendTemplateMessageRequest').filter((c) => c.keyword === 'type');

function typeCase(c: Constraint): Case<PlatformContext> {
  const where = formatPath(c.path);
  const allowed = c.limit as string[];
  const key = pathKeyOf(c.path);
  const decisions = formatFaultDecisions(key);
  return platformCase({
    id: `platform.types.${idPath(c.path)}`,
    clause: c.clause,
    level: 'MUST',
    title: `${where} of another JSON type than ${allowed.join(' or ')} is rejected with 100003`,
    ...(decisions.length > 0 ? { decisions } : {}),
    words: [tableRow('SendTemplateMessageRequest', c.path), WORDS.format],
    covers: ['§5.1 100003', codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { request, at } = requestHolding(ctx, c.path);
      if (!at) t.skip(`the profile gives no request with a ${where}`);
      const intended = readAt(request, at);
      if (intended === undefined) t.skip(`the profile gives no value for ${where}`);
      const wrong = wrongTypeOf(intended, allowed);
      const faulty = withValueAt('SendTemplateMessageRequest', request, at, wrong);
      const r = await send(ctx, t, faulty, {}, request);
      const shown = key === 'password' ? 'the password in another type' : short(JSON.stringify(wrong), 80);
      expectFormatError(
        t,
        r,
        key,
        `${c.clause}: ${where} is ${allowed.join(' or ')}; given ${shown}, the request has a parameter format error (§5.1 100003)`,
        { request: faulty, scope: faultScope(at) },
      );
    },
  });
}

export const typeCases: Case<PlatformContext>[] = TYPED.map(typeCase);
