/**
 * cdktf records a stack trace of unlimited depth on every token it creates (`Error.captureStackTrace` on a plain
 * object, formatted at once). Capturing and formatting those traces is most of a synthesis, and under jest every
 * frame also goes through source-map-support's source-map lookup. They are read only when a token fails to
 * resolve, so while these traces are installed a token keeps its first frames in V8's plain format; errors keep
 * their full traces and the formatting they had (jest's source-mapped stacks).
 */
type PrepareStackTrace = (error: Error, trace: NodeJS.CallSite[]) => unknown;
type CaptureStackTrace = (target: object, below?: Function) => void; // eslint-disable-line @typescript-eslint/no-unsafe-function-type

const TOKEN_FRAMES = 12;
const isTokenTrace = (target: object) => Object.getPrototypeOf(target) === Object.prototype;

/** Installs short token traces; returns what puts the previous behaviour back. */
export function installTokenTraces(): () => void {
  const prepare = Error.prepareStackTrace as PrepareStackTrace | undefined;
  const capture = Error.captureStackTrace as CaptureStackTrace;
  Error.prepareStackTrace = (error: Error, trace: NodeJS.CallSite[]) => {
    if (isTokenTrace(error)) return `${error}\n    at ${trace.join('\n    at ')}`;
    return prepare ? prepare(error, trace) : `${error}\n    at ${trace.join('\n    at ')}`;
  };
  Error.captureStackTrace = (target: object, below?: Function) => { // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    if (!isTokenTrace(target)) return capture(target, below);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = TOKEN_FRAMES;
    try {
      capture(target, below);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  return () => {
    (Error as { prepareStackTrace?: PrepareStackTrace }).prepareStackTrace = prepare;
    Error.captureStackTrace = capture;
  };
}

/** Runs `synthesize` with short token traces, then puts the previous behaviour back. */
export function withTokenTraces<T>(synthesize: () => T): T {
  const restore = installTokenTraces();
  try {
    return synthesize();
  } finally {
    restore();
  }
}
