// The command line's own edges: pipes that close early, colour only where it is wanted, and
// option values that would otherwise be ignored without a word. Small and separate from the
// commands, so each command file stays about its work.
import { InvalidArgumentError } from "commander";

/**
 * `zhibiao extract seeds --json | head -c 100`: the reader is gone, so there is nothing left to
 * say. A closed pipe ends the process quietly (the status so far); any other write error is one line.
 */
export function quietOnClosedPipes(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const s of streams) {
    s.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      if (s !== process.stderr) process.stderr.write(`zhibiao: cannot write the output: ${err.code ?? err.message}\n`);
      process.exit(2);
    });
  }
}

/**
 * Colour only on a terminal, as https://no-color.org asks: NO_COLOR (non-empty) turns it off,
 * FORCE_COLOR turns it on (FORCE_COLOR=0 or false off), else a TTY has it and a file or pipe not.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !["0", "false"].includes(env.FORCE_COLOR.toLowerCase());
  return stream.isTTY === true;
}

/** A commander parser for a path option: an empty value is refused, not ignored. */
export function pathValue(what: string): (value: string) => string {
  return (value) => {
    if (value.trim() === "") throw new InvalidArgumentError(`an empty name; give ${what}.`);
    return value;
  };
}
