import {parentPort, workerData} from 'node:worker_threads'
import {courseBuilder, type BuildResult, type BuildTask, type BuildWorkerData, type Line} from '../commands/build.js'

// A build thread (see `build` with `jobs`): builds the courses it is sent, one at a time, and sends
// back what each printed and wrote. Internal errors end the thread; the main thread reports them.
const {cwd, options} = workerData as BuildWorkerData
const builder = courseBuilder(options)
const port = parentPort!

port.on('message', (task: BuildTask) => {
  const lines: Line[] = []
  const io = {cwd, isTty: false, stdout: (text: string) => void lines.push(['stdout', text]), stderr: (text: string) => void lines.push(['stderr', text])}
  void builder(io, task.folder).then((outcome) => {
    port.postMessage({index: task.index, lines, ...outcome} satisfies BuildResult)
  }, (error: unknown) => {
    // Rethrown outside the promise: the thread stops with an 'error' event carrying the stack.
    setImmediate(() => {
      throw error
    })
  })
})
