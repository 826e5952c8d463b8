// What several cases of an HTML report show alike, kept once: an exchange, a curl line or a quote
// of the spec that many cases hold (a request several cases judge, the clause many cases cite) is
// written once as a <template>, and each case holds a placeholder that the report's script fills
// in when the case is opened. A fragment only one case shows, or a short one, stays where it is.

/** Fragments shorter than this are not worth a reference. */
const MIN_SHARED_LENGTH = 120;

export class SharedFragments {
  private readonly counts = new Map<string, number>();
  private readonly ids = new Map<string, string>();

  /** Counts the fragments each case will show (a first pass over the report). */
  count(fragments: Iterable<string>): void {
    for (const f of fragments)
      if (f.length >= MIN_SHARED_LENGTH) this.counts.set(f, (this.counts.get(f) ?? 0) + 1);
  }

  /** The fragment itself, or a placeholder for the one copy of it when several cases show it. */
  use(fragment: string): string {
    if ((this.counts.get(fragment) ?? 0) < 2) return fragment;
    let id = this.ids.get(fragment);
    if (!id) {
      id = `s${this.ids.size + 1}`;
      this.ids.set(fragment, id);
    }
    return `<div class="shared" data-ref="${id}"></div>`;
  }

  /** Each fragment used by reference, once. */
  templates(): string {
    return [...this.ids].map(([fragment, id]) => `<template id="${id}">${fragment}</template>`).join('\n');
  }
}
