// The recipients of a send request, in the order D19 expects their results in the answer: message
// by message, mobile by mobile. The platform suite and the matchers both read a request this way.

export interface PlannedRecipient {
  mobile: string;
  /** The message's own messageId, when it has a non-empty one. */
  messageId?: string;
  messageIndex: number;
}

/** The recipients of a request in the order D19 expects them in the answer; [] for a body of another shape. */
export function plannedRecipients(body: unknown): PlannedRecipient[] {
  const lists = (body as { requestLists?: unknown } | null)?.requestLists;
  if (!Array.isArray(lists)) return [];
  const out: PlannedRecipient[] = [];
  lists.forEach((message: unknown, messageIndex) => {
    const m = message as { mobiles?: unknown; messageId?: unknown } | null;
    if (!m || !Array.isArray(m.mobiles)) return;
    const own = typeof m.messageId === 'string' && m.messageId !== '' ? m.messageId : undefined;
    for (const mobile of m.mobiles)
      if (typeof mobile === 'string') out.push({ mobile, messageIndex, ...(own ? { messageId: own } : {}) });
  });
  return out;
}
