// The callback book: each original statusCallback URL a send named gets a short id, which goes into
// the URL the proxy hands the platform instead, so that a report coming back says where it goes on.
// Bounded: a client that makes up a URL per request makes the oldest ones unknown (their reports are
// answered 404).

export class CallbackBook {
  private readonly ids = new Map<string, string>(); // original URL → id, oldest first
  private readonly urls = new Map<string, string>(); // id → original URL
  private count = 0;

  constructor(private readonly max: number) {}

  /** The id of an original callback URL, a new one the first time it is seen. */
  idOf(url: string): string {
    const known = this.ids.get(url);
    if (known !== undefined) return known;
    const id = String(++this.count);
    this.ids.set(url, id);
    this.urls.set(id, url);
    if (this.ids.size > this.max) {
      const [oldest, oldestId] = this.ids.entries().next().value as [string, string];
      this.ids.delete(oldest);
      this.urls.delete(oldestId);
    }
    return id;
  }

  /** The original URL of an id, unless it was never given or has been forgotten since. */
  urlOf(id: string): string | undefined {
    return this.urls.get(id);
  }
}
