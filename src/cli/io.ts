/**
 * @module cli/io
 * Where the command line writes. The launcher passes stdout and stderr; tests pass buffers.
 */

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}
