/**
 * @module cli/log
 * `hyperlocal serve`'s logger: pino, writing JSON lines (one object a line: `level`, `time`, `msg` and the fields),
 * or the same lines made readable by pino-pretty. Both write synchronously in this thread (no worker transport), so
 * everything logged before exit is on the terminal or in the pipe when the process ends. The server receives only a
 * {@link LogFn}; pino stays here.
 */

import { pino } from "pino";
import pinoPretty from "pino-pretty";
import type { LogFn } from "../server/log.ts";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  readonly level: LogLevelSetting;
  readonly format: LogFormat;
  /** Where the lines go (stdout in `serve`). Called once per line, with its newline. */
  readonly write: (text: string) => void;
  /** Colours in the pretty form (a terminal). */
  readonly colorize: boolean;
}

/** The format when none is asked for: readable on a terminal, JSON lines in a pipe or a file. */
export function defaultLogFormat(isTTY: boolean | undefined): LogFormat {
  return isTTY === true ? "pretty" : "json";
}

/** A pino logger behind the server's {@link LogFn}. */
export function createLogger(options: LoggerOptions): LogFn {
  const prettify =
    options.format === "pretty"
      ? pinoPretty.prettyFactory({
          colorize: options.colorize,
          ignore: "pid,hostname",
          translateTime: "SYS:HH:MM:ss.l",
          singleLine: true,
        })
      : undefined;
  const destination = {
    write: (line: string) => options.write(prettify === undefined ? line : prettify(line)),
  };
  const logger = pino({ level: options.level, base: null }, destination);
  return (level, message, fields) => {
    if (fields === undefined) logger[level](message);
    else logger[level](fields, message);
  };
}
