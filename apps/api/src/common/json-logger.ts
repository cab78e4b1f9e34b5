import { type LoggerService, type LogLevel } from '@nestjs/common';

const ORDER: Record<string, number> = { fatal: 0, error: 1, warn: 2, log: 3, info: 3, debug: 4, verbose: 5 };

/** One JSON object per line on stdout, for log shippers. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' = 'info',
  ) {}

  write(level: string, message: unknown, context?: unknown, extra: Record<string, unknown> = {}): void {
    if ((ORDER[level] ?? 3) > (ORDER[this.level] ?? 3)) return;
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(typeof context === 'string' ? { context } : {}),
      ...(typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : { msg: String(message) }),
      ...extra,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace ? { trace } : {});
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('verbose', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from configuration.
  }
}
