import {CommanderError} from 'commander'
import {createProgram} from './program.js'
import {ExitError, type Io} from './lib/io.js'

/** Run the CLI. The single place that turns errors into exit codes. */
export async function main(argv: ReadonlyArray<string>, io?: Io): Promise<number> {
  const streams: Io = io ?? {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTty: Boolean(process.stderr.isTTY)
  }
  try {
    await createProgram(streams).parseAsync([...argv])
    return 0
  } catch (error) {
    if (error instanceof ExitError) return error.code
    // Help and version exit 0; every other usage error (unknown option, missing argument) exits 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    streams.stderr('Internal error, please report it with the command you ran:\n' + (error instanceof Error ? error.stack ?? error.message : String(error)) + '\n')
    return 70
  }
}
