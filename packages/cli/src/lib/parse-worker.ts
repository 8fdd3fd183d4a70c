import {parentPort} from 'node:worker_threads'
import {parseMarkdown} from '@coursemark/syntax'

// A parse thread (see `ParseCache.prefetch`): parses the Markdown texts it is sent and sends back
// each tree as JSON, the form the parse cache keeps. Internal errors end the thread; the main
// thread then parses what is left itself.
const port = parentPort!
port.on('message', (texts: ReadonlyArray<string>) => {
  port.postMessage(texts.map((text) => JSON.stringify(parseMarkdown(text))))
})
