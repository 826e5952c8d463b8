// `iot-sms-conformance validate <file.json|->`: which message a document is, and every rule it breaks.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { detectMessageType } from '../schema/detect.js';
import { isMessageType, MESSAGE_TYPES, type MessageType } from '../schema/message-types.js';
import { validators } from '../validate/validators.js';
import { EXIT, UserError } from './exit-codes.js';

export const VALIDATE_USAGE = `Usage: iot-sms-conformance validate <file.json|-> [--as <Type>] [--strict]

Validates one JSON message against the spec's schemas and prints each violation with its path,
limit and clause. Without --as, the message type is detected from the fields.
  --as <Type>   one of: ${MESSAGE_TYPES.join(', ')}
  --strict      SHOULD-level readings (docs/spec-decisions.md) fail too, not only MUST rules
Exit codes: 0 valid, 1 invalid, 2 not JSON / unreadable / unknown type.`;

function readInput(source: string): string {
  try {
    return source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot read ${source === '-' ? 'standard input' : source}: ${code}`);
  }
}

export function runValidate(argv: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      as: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    out(VALIDATE_USAGE);
    return EXIT.ok;
  }
  const [source, ...extra] = positionals;
  if (!source || extra.length > 0) throw new UserError(`validate takes one file (or - for standard input)`);
  // A byte order mark (as some Windows editors write) is not part of the JSON.
  const text = readInput(source).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${source} is not JSON: ${(err as Error).message}`);
  }

  let type: MessageType;
  if (values.as !== undefined) {
    if (!isMessageType(values.as))
      throw new UserError(`unknown type ${values.as}; one of ${MESSAGE_TYPES.join(', ')}`);
    type = values.as;
  } else {
    const found = detectMessageType(data);
    if (!found) throw new UserError(`${source} is not any message of the API; name its type with --as`);
    type = found.type;
    if (found.alsoFits.length > 0) out(`note: also fits ${found.alsoFits.join(', ')}; use --as to choose`);
  }

  const violations = validators[type].strictViolations(data);
  const failing = violations.filter((v) => v.level === 'MUST' || values.strict);
  for (const v of violations) out(`${failing.includes(v) ? 'error' : 'note '}: ${v.message}`);
  if (failing.length === 0) {
    const notes =
      violations.length > 0 ? ` (${violations.length} SHOULD note${violations.length > 1 ? 's' : ''})` : '';
    out(`${source}: valid ${type}${notes}`);
    return EXIT.ok;
  }
  out(`${source}: invalid ${type}: ${failing.length} violation${failing.length > 1 ? 's' : ''}`);
  return EXIT.failed;
}
