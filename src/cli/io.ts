/**
 * @module cli/io
 * Where the command line writes. The launcher passes stdout and stderr; tests pass buffers.
 */

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `out` is a terminal (the log format's default: readable there, JSON lines otherwise). */
  readonly outIsTTY?: boolean;
}
