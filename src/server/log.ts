/**
 * @module server/log
 * The logger the server is given: one function, `log(level, message, fields)`. The server and the layers under it
 * know nothing of the library behind it; `hyperlocal serve` injects a pino logger (src/cli/log.ts), tests inject
 * a function that records or drops the lines.
 */

/** Severity of a log line, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A structured log sink: a message and the fields that go with it (`{ ip, error }`…). */
export type LogFn = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** Drops every line. */
export const NO_LOG: LogFn = () => {};
