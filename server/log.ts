/** One small logger: a category per concern, one line per event. LOG_LEVEL=debug|info|warn|error|silent. */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof levels;
const threshold = levels[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? levels.info;

export function logger(category: string) {
  const emit = (level: Level, msg: string, data?: Record<string, unknown>) => {
    if (levels[level] < threshold) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${category}] ${msg}${data ? ' ' + JSON.stringify(data) : ''}`;
    (level === 'error' || level === 'warn' ? console.error : console.log)(line);
  };
  return {
    debug: (m: string, d?: Record<string, unknown>) => emit('debug', m, d),
    info: (m: string, d?: Record<string, unknown>) => emit('info', m, d),
    warn: (m: string, d?: Record<string, unknown>) => emit('warn', m, d),
    error: (m: string, d?: Record<string, unknown>) => emit('error', m, d),
  };
}
export type Logger = ReturnType<typeof logger>;
