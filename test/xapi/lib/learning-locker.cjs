// Learning Locker's statements service (`@learninglocker/xapi-statements`, in-memory models),
// bound to 127.0.0.1 on a free port. Its own server listens on every interface and its
// no-database auth accepts any credentials, so this script assembles the same Express routers
// itself and listens on loopback only; the test's LMS proxy checks credentials in front of it.
// Prints `PORT <n>` when ready. Storage (attachments, access logs) goes to the folder in argv[2].
'use strict'
const path = require('node:path')

const folder = process.argv[2]
if (!folder) throw new Error('Usage: node learning-locker.cjs <temporary folder>')
process.env.WINSTON_CONSOLE_LEVEL = process.env.WINSTON_CONSOLE_LEVEL || 'error'
process.env.EXPRESS_MORGAN_DIRECTORY = path.join(folder, 'access-logs')

const dist = path.dirname(require.resolve('@learninglocker/xapi-statements/dist/server.js'))
const load = (name) => require(path.join(dist, name)).default

const config = load('config')
const logger = load('logger')
const tracker = load('tracker')
const repo = load('repo/factory')({
  auth: {facade: 'test', fake: {}},
  events: {facade: 'test'},
  models: {facade: 'memory', memory: {state: {fullActivities: [], statements: []}}},
  storage: {facade: 'local', local: {storageDir: path.join(folder, 'storage')}}
})
// Await the activity updates, so a statement is queryable as soon as its POST has answered.
const service = load('service')({repo, tracker, logger, ...config.service, awaitUpdates: true})
const presenter = load('expressPresenter')({
  llClientInfoEndpoint: '',
  customRoute: 'status',
  customRouteText: 'ok',
  morganDirectory: process.env.EXPRESS_MORGAN_DIRECTORY,
  bodyParserLimit: '5mb',
  service,
  tracker,
  translator: load('translatorFactory')(),
  logger,
  allowUndefinedMethod: false,
  allowFormBody: false
})
const constants = require(path.join(dist, 'utils/constants'))
const express = require(require.resolve('express', {paths: [dist]}))
const app = express()
app.use(constants.aboutRoute, presenter.aboutRouter)
app.use(constants.fullActivitiesRoute, presenter.fullActivitiesRouter)
app.use(constants.statementsRoute, presenter.statementsRouter)
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n')
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
