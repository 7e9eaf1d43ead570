import type { IncomingMessage } from "node:http";

const LINGER_MS = 5_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * After refusing an upload mid-body, reads and throws away what the client is still sending, so that it gets to read
 * our 413/415 instead of a connection reset (closing at once makes the kernel answer its next bytes with RST, and
 * many clients then lose the response). A client that keeps going past a few seconds or megabytes is cut off.
 */
export function discardRestOfBody(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  req.unpipe();
  let seen = 0;
  // Destroying an unfinished request closes its socket (and works on injected test requests, which have no real one).
  const cutOff = () => req.destroy();
  const timer = setTimeout(cutOff, LINGER_MS);
  timer.unref();
  const stop = () => clearTimeout(timer);
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) {
      stop();
      cutOff();
    }
  });
  req.once("end", stop);
  req.once("close", stop);
  req.resume();
}
