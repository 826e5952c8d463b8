// Which message a JSON document is, judged from the schemas: the type whose required fields are
// all there and which knows the most of the document's fields; among equals, the one that
// leaves the fewest of its own fields unused ({"resultCode":"0"} is a NotifyResponse).
import { MESSAGE_TYPES, type MessageType } from './message-types.js';
import { messageSchema } from './registry.js';

export interface Detection {
  type: MessageType;
  /** Other types that fit the document as well (the caller may say so and suggest --as). */
  alsoFits: MessageType[];
}

export function detectMessageType(data: unknown): Detection | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const scored = MESSAGE_TYPES.map((type) => {
    const schema = messageSchema(type);
    const known = Object.keys(schema.properties ?? {});
    const present = keys.filter((k) => known.includes(k)).length;
    const complete = (schema.required ?? []).every((r) => keys.includes(r));
    return { type, complete, present, fit: present / known.length };
  }).filter((s) => s.present > 0);
  if (scored.length === 0) return undefined;
  scored.sort((a, b) => Number(b.complete) - Number(a.complete) || b.present - a.present || b.fit - a.fit);
  const [best, ...rest] = scored;
  if (!best) return undefined;
  const alsoFits = rest
    .filter((s) => s.complete === best.complete && s.present === best.present && s.fit === best.fit)
    .map((s) => s.type);
  return { type: best.type, alsoFits };
}
