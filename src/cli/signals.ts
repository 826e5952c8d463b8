// Running until told to stop: the mock commands serve until SIGINT or SIGTERM, then close gracefully.
export function untilShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Stops a run on SIGINT or SIGTERM: the first one aborts `controller` with its reason (the run
 * ends, its reports are written, marked interrupted); a second one gets Node's default (the
 * process ends at once). Returns the function that stops listening.
 */
export function abortOnSignals(controller: AbortController): () => void {
  const on = (signal: 'SIGINT' | 'SIGTERM') => () =>
    controller.abort({ reason: signal, message: `interrupted by ${signal}` });
  const handlers = { SIGINT: on('SIGINT'), SIGTERM: on('SIGTERM') } as const;
  process.once('SIGINT', handlers.SIGINT);
  process.once('SIGTERM', handlers.SIGTERM);
  return () => {
    process.removeListener('SIGINT', handlers.SIGINT);
    process.removeListener('SIGTERM', handlers.SIGTERM);
  };
}
