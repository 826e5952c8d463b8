// One exchange that several cases judge: the first case to need it sends it, the others read it,
// each recording its exchanges (a case run alone with --only sends it itself). A failure to get
// it (no answer, the budget refused) is each judging case's outcome, not only the first one's.
import type { CaseRecorder } from '../../cases/case.js';
import type { PlatformContext } from './context.js';

interface Outcome<T> {
  recorder: CaseRecorder;
  value?: T;
  error?: unknown;
}

export async function sharedRun<T>(
  ctx: PlatformContext,
  t: CaseRecorder,
  key: string,
  run: (scratch: CaseRecorder) => Promise<T>,
): Promise<T> {
  const runs = ctx.shared;
  let pending = runs.get(key) as Promise<Outcome<T>> | undefined;
  if (!pending) {
    // Waiting inside the run gives the turn of the case that started it.
    const recorder = t.scratch();
    pending = run(recorder).then(
      (value) => ({ recorder, value }),
      (error: unknown) => ({ recorder, error }),
    );
    runs.set(key, pending);
  } else {
    // Another case is running it: this one only waits for it.
    t.waiting();
  }
  const outcome = await pending;
  for (const exchange of outcome.recorder.exchanges) t.record(exchange);
  if ('error' in outcome) throw outcome.error;
  return outcome.value as T;
}
