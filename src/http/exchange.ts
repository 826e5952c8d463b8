// One HTTP exchange as the kit records it for a report: the request the kit sent (or received) and
// what came back, as text. The client and the receiver make them, the cases keep them, the
// reports show them (with the run's secrets masked where they are written).

/** One HTTP request the kit sent (or received) and what came back, as it went over the wire. */
export interface Exchange {
  /** Why it was sent, when a case sends several. */
  label?: string;
  /** `sent`: the kit was the client. `received`: the target called the kit's receiver. */
  direction: 'sent' | 'received';
  at: string;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    /** The body as text, as it travelled (the output masks secrets). */
    body: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body: string;
    /** Set when the body is the first part of one over the cap (what was kept of it). */
    cut?: true;
    /** Milliseconds from sending the request to the end of the answer. */
    durationMs: number;
  };
  /** A transport failure instead of a response: refused, timeout, TLS. */
  error?: string;
}
