/**
 * Checks on a SCORM package that no XSD makes: the exact schema version, the literal `adlcp:`
 * prefix, identifiers that resolve and do not repeat, hrefs that exist, every file listed,
 * mastery scores in range, titles short enough for Moodle.
 */

import type {XmlElement} from './xml.js'
import {all, childrenNamed, parseXml} from './xml.js'

export type ScormVersion = '1.2' | '2004'

const adlcpNamespace = {'1.2': 'http://www.adlnet.org/xsd/adlcp_rootv1p2', '2004': 'http://www.adlnet.org/xsd/adlcp_v1p3'}
const schemaVersion = {'1.2': '1.2', '2004': '2004 4th Edition'}
const ncName = /^[A-Za-z_][\w.-]*$/

/**
 * List what is wrong with a SCORM package.
 *
 * @param files
 *   Package files (path → bytes).
 * @param version
 *   SCORM version the package claims.
 * @param schemaPaths
 *   Paths of the schema files at the root (not expected in `<file href>`).
 * @returns
 *   Problems, empty when there are none.
 */
export function checkScormPackage(
  files: ReadonlyMap<string, Uint8Array>,
  version: ScormVersion,
  schemaPaths: ReadonlyArray<string>
): string[] {
  const problems: string[] = []
  const bytes = files.get('imsmanifest.xml')
  if (!bytes) return ['no imsmanifest.xml at the package root']
  let root: XmlElement
  try {
    root = parseXml(new TextDecoder('utf-8', {fatal: true}).decode(bytes))
  } catch (error) {
    return ['manifest is not readable: ' + String(error)]
  }

  if (root.name !== 'manifest') problems.push('root element is `' + root.name + '`')
  if (root.attributes.get('xmlns:adlcp') !== adlcpNamespace[version]) {
    problems.push('prefix `adlcp:` is not bound to ' + adlcpNamespace[version])
  }

  const metadata = childrenNamed(root, 'metadata')[0]
  const schema = metadata && childrenNamed(metadata, 'schema')[0]
  const versions = metadata ? childrenNamed(metadata, 'schemaversion') : []
  if (schema?.text !== 'ADL SCORM') problems.push('metadata/schema is not `ADL SCORM`')
  if (versions.length !== 1 || versions[0]!.text !== schemaVersion[version]) {
    problems.push('metadata/schemaversion is not exactly `' + schemaVersion[version] + '`')
  }

  // Identifiers: NCNames, never twice.
  const identified = [root, ...all(root, 'organization'), ...all(root, 'item'), ...all(root, 'resource')]
  const seen = new Set<string>()
  for (const element of identified) {
    const id = element.attributes.get('identifier')
    if (id === undefined) {
      problems.push('`' + element.name + '` without identifier')
      continue
    }
    if (!ncName.test(id)) problems.push('identifier `' + id + '` is not an NCName')
    if (seen.has(id)) problems.push('identifier `' + id + '` appears twice')
    seen.add(id)
  }

  const organizations = childrenNamed(root, 'organizations')[0]
  const organizationIds = new Set(all(root, 'organization').map((element) => element.attributes.get('identifier')))
  const resources = all(root, 'resource')
  const resourceIds = new Set(resources.map((element) => element.attributes.get('identifier')))
  const defaultId = organizations?.attributes.get('default')
  if (defaultId === undefined || !organizationIds.has(defaultId)) problems.push('organizations/@default does not resolve')

  // The default organization must start with a launchable item.
  const defaultOrganization = all(root, 'organization').find((element) => element.attributes.get('identifier') === defaultId)
  const firstItem = defaultOrganization && childrenNamed(defaultOrganization, 'item')[0]
  if (!firstItem?.attributes.get('identifierref')) problems.push('the first item of the default organization launches nothing')

  for (const element of [...all(root, 'item'), ...all(root, 'dependency')]) {
    const ref = element.attributes.get('identifierref')
    if (ref !== undefined && !resourceIds.has(ref)) problems.push('identifierref `' + ref + '` does not resolve')
    if (element.name === 'dependency' && ref === undefined) problems.push('dependency without identifierref')
  }

  // Titles.
  for (const title of all(root, 'title')) {
    const length = [...title.text].length
    if (length === 0 || length > (version === '1.2' ? 200 : 255)) problems.push('title of ' + String(length) + ' characters: `' + title.text.slice(0, 40) + '…`')
  }

  // SCO type attribute, spelled per version.
  const right = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType'
  const wrong = version === '1.2' ? 'adlcp:scormType' : 'adlcp:scormtype'
  for (const resource of resources) {
    if (resource.attributes.has(wrong)) problems.push('resource uses `' + wrong + '`')
    const type = resource.attributes.get(right)
    if (type !== 'sco' && type !== 'asset') problems.push('resource `' + resource.attributes.get('identifier') + '` has no valid `' + right + '`')
    if (type === 'sco' && !resource.attributes.get('href')) problems.push('SCO resource without href')
  }
  for (const item of all(root, 'item')) {
    const resource = resources.find((element) => element.attributes.get('identifier') === item.attributes.get('identifierref'))
    if (resource && resource.attributes.get(right) !== 'sco') problems.push('item `' + item.attributes.get('identifier') + '` does not launch a SCO')
  }

  // Mastery scores (1.2): integers 0–100.
  for (const mastery of all(root, 'adlcp:masteryscore')) {
    if (!/^(?:100|[1-9]?\d)$/.test(mastery.text)) problems.push('masteryscore `' + mastery.text + '` is not an integer 0–100')
  }

  // Objective ids (2004): unique per item.
  for (const item of all(root, 'item')) {
    const ids = [...all(item, 'imsss:primaryObjective'), ...all(item, 'imsss:objective')].map((element) => element.attributes.get('objectiveID'))
    if (new Set(ids).size !== ids.length) problems.push('item `' + item.attributes.get('identifier') + '` repeats an objectiveID')
  }

  // hrefs exist; every file is listed; lists are sorted.
  const listed = new Set<string>()
  for (const resource of resources) {
    const href = resource.attributes.get('href')
    if (href !== undefined && !files.has(decodeURIComponent(href.split('?')[0]!))) problems.push('resource href `' + href + '` is not in the package')
    const paths = childrenNamed(resource, 'file').map((file) => decodeURIComponent(file.attributes.get('href') ?? ''))
    for (const path of paths) {
      if (!files.has(path)) problems.push('file `' + path + '` is not in the package')
      listed.add(path)
    }
    const sorted = [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    if (sorted.join('\n') !== paths.join('\n')) problems.push('files of `' + resource.attributes.get('identifier') + '` are not sorted')
  }
  const unlisted = new Set(['imsmanifest.xml', ...schemaPaths])
  for (const path of files.keys()) {
    if (!unlisted.has(path) && !listed.has(path)) problems.push('file `' + path + '` is not listed in the manifest')
  }
  for (const path of schemaPaths) {
    if (!files.has(path)) problems.push('schema file `' + path + '` is missing')
  }

  return problems
}
