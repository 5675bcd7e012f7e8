import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import pino from 'pino';
import { logSettingsFromEnv, type Config } from './config.js';

/**
 * One logger: a category per concern, one JSON object a line (pino) with `level`, `time`, `category`, `msg`,
 * the data given, and `requestId` when logged while serving an HTTP request. An Error in the data (under any
 * key) is written with its type, message and stack. LOG_LEVEL picks the threshold; LOG_FORMAT=pretty (or a
 * terminal, when the pino-pretty devDependency is installed) prints readable lines instead.
 */
type Level = 'debug' | 'info' | 'warn' | 'error' | 'fatal';
type Data = Record<string, unknown>;

/** What a request's log lines share (set by the access-log middleware). */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();
export const withRequestContext = <T>(ctx: { requestId: string }, fn: () => T): T => requestContext.run(ctx, fn);
export const currentRequestId = () => requestContext.getStore()?.requestId;

let root: pino.Logger = create(logSettingsFromEnv());

function create(o: Pick<Config, 'logLevel' | 'logFormat'> & { destination?: pino.DestinationStream }): pino.Logger {
  const options: pino.LoggerOptions = {
    level: o.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (o.destination) return pino(options, o.destination);
  const pretty = o.logFormat === 'pretty' || (o.logFormat === 'auto' && process.stdout.isTTY) ? prettyStream() : null;
  if (o.logFormat === 'pretty' && !pretty) process.stderr.write('LOG_FORMAT=pretty needs the pino-pretty devDependency; writing JSON.\n');
  return pino(options, pretty ?? pino.destination({ fd: 1, sync: true }));
}

/** pino-pretty, in-process and synchronous, when it is installed (a development install; never in production). */
function prettyStream(): pino.DestinationStream | null {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (o: object) => pino.DestinationStream;
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,category', messageFormat: '[{category}] {msg}' });
  } catch {
    return null;
  }
}

/** Applies the server's configuration (LOG_LEVEL, LOG_FORMAT); `destination` lets a test read the lines. */
export function configureLogging(o: Pick<Config, 'logLevel' | 'logFormat'> & { destination?: pino.DestinationStream }) {
  root = create(o);
}

const serialize = (data: Data | undefined): Data => {
  const out: Data = {};
  if (data) for (const [k, v] of Object.entries(data)) out[k] = v instanceof Error ? pino.stdSerializers.err(v) : v;
  return out;
};

export function logger(category: string) {
  const emit = (level: Level, msg: string, data?: Data) => {
    if (!root.isLevelEnabled(level)) return;
    const requestId = requestContext.getStore()?.requestId;
    root[level]({ category, ...(requestId && { requestId }), ...serialize(data) }, msg);
  };
  return {
    debug: (m: string, d?: Data) => emit('debug', m, d),
    info: (m: string, d?: Data) => emit('info', m, d),
    warn: (m: string, d?: Data) => emit('warn', m, d),
    error: (m: string, d?: Data) => emit('error', m, d),
    fatal: (m: string, d?: Data) => emit('fatal', m, d),
    enabled: (level: Level) => root.isLevelEnabled(level),
  };
}
export type Logger = ReturnType<typeof logger>;
