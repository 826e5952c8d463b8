// §5.1 100002 "a required parameter is empty or missing": every required field of the send
// request (walked from its schema, nested ones included) left out, set to null, and made empty
// ("" or []) is answered 100002 (D15: null, "" and [] all count as empty).
import type { Case, CaseRecorder } from '../../cases/case.js';
import { tableRow, WORDS } from '../../rules/index.js';
import { type Constraint, constraintsOf } from '../../schema/constraints.js';
import { type Json, withValueAt } from '../../schema/instances.js';
import { formatPath } from '../../schema/navigate.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectCode, faultScope, missingCodes } from './checks.js';
import { type PlatformContext, platformCase, send } from './context.js';
import { idPath, pathKeyOf, requestHolding } from './values.js';

const CONSTRAINTS = constraintsOf('SendTemplateMessageRequest');
const REQUIRED = CONSTRAINTS.filter((c) => c.keyword === 'required');

function typesAt(c: Constraint): string[] {
  const type = CONSTRAINTS.find((x) => x.keyword === 'type' && pathKeyOf(x.path) === pathKeyOf(c.path));
  return (type?.limit as string[] | undefined) ?? [];
}

interface Variant {
  name: 'missing' | 'null' | 'empty';
  /** undefined removes the field. */
  value: Json | undefined;
  said: string;
  decisions: string[];
}

function variants(c: Constraint): Variant[] {
  const out: Variant[] = [
    { name: 'missing', value: undefined, said: 'left out', decisions: [] },
    { name: 'null', value: null, said: 'set to null', decisions: ['D15'] },
  ];
  const types = typesAt(c);
  if (types.includes('string')) out.push({ name: 'empty', value: '', said: 'set to ""', decisions: ['D15'] });
  else if (types.includes('array'))
    out.push({ name: 'empty', value: [], said: 'set to []', decisions: ['D15'] });
  return out;
}

function requiredCase(c: Constraint, v: Variant): Case<PlatformContext> {
  const where = formatPath(c.path);
  const codes = missingCodes(pathKeyOf(c.path));
  const decisions = [...v.decisions, ...(codes.length > 1 ? ['D10'] : [])];
  return platformCase({
    id: `platform.required.${idPath(c.path)}.${v.name}`,
    clause: c.clause,
    level: 'MUST',
    title: `${where} ${v.said} is answered ${codes.join(' or ')}`,
    ...(decisions.length > 0 ? { decisions } : {}),
    words: [tableRow('SendTemplateMessageRequest', c.path), WORDS.missing],
    covers: ['§5.1 100002', codeKey('100002')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const { request, at } = requestHolding(ctx, c.path);
      if (!at) t.skip(`the profile gives no request with a ${where}`);
      const faulty = withValueAt('SendTemplateMessageRequest', request, at, v.value);
      const r = await send(ctx, t, faulty);
      expectCode(
        t,
        r,
        codes,
        `§5.1 100002: ${where} is required (${c.clause}); ${v.said}, it is a required parameter that is ${v.name === 'missing' ? 'missing' : 'empty'}`,
        { request: faulty, scope: faultScope(at) },
      );
    },
  });
}

export const requiredCases: Case<PlatformContext>[] = REQUIRED.flatMap((c) =>
  variants(c).map((v) => requiredCase(c, v)),
);
