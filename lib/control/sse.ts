// Turns readiness events into a text/event-stream body: one `data:` line of JSON per event, a
// keep-alive comment every keepAliveMs, closed after a terminal event. Everything stops when the
// client goes away (request signal or stream cancel). A server-side failure closes the stream
// without a terminal event, which the SDK treats as a drop and reconnects.
import type { ReadinessEvent } from "./readiness";

const encoder = new TextEncoder();

export function eventStream(
  events: (signal: AbortSignal) => AsyncGenerator<ReadinessEvent, void, void>,
  opts: { keepAliveMs: number; signal: AbortSignal; onError?: (e: unknown) => void },
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const abort = () => stop.abort();
  let timer: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (opts.signal.aborted) stop.abort();
      else opts.signal.addEventListener("abort", abort, { once: true });
      const send = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      timer = setInterval(() => send(": keep-alive\n\n"), opts.keepAliveMs);
      void (async () => {
        try {
          for await (const ev of events(stop.signal)) send(`data: ${JSON.stringify(ev)}\n\n`);
        } catch (e) {
          if (!stop.signal.aborted) opts.onError?.(e);
        } finally {
          clearInterval(timer);
          opts.signal.removeEventListener("abort", abort);
          stop.abort();
          try {
            controller.close();
          } catch {
            // already closed by a cancel
          }
        }
      })();
    },
    cancel() {
      clearInterval(timer);
      stop.abort();
    },
  });
}
