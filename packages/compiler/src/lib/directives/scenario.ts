import type {List, RootContent} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import {rules} from '@coursemark/diagnostics'
import type {ScenarioBlock, ScenarioChoice, ScenarioStep} from '@coursemark/model'
import {attributePlace, checkAttributes, declareId, pathOf, reportAt, sourceOf, type Context} from '../context.js'
import {contentToHtml, plainText} from '../html.js'
import {letter} from './quiz.js'
import {decodeSegment} from '../paths.js'

/** Turn a `:::scenario` container into a branching scenario. */
export function scenario(context: Context, modulePath: string, node: ContainerDirective): ScenarioBlock | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'scenario')
  if (attributes) declareId(context, modulePath, node, 'scenario', String(attributes['id']))
  const steps: ScenarioStep[] = []
  const links: Array<{from: ScenarioStep; choice: ScenarioChoice; node: RootContent}> = []
  for (const child of node.children) {
    if (child.type === 'containerDirective' && child.name === 'step') {
      const result = step(context, modulePath, child)
      if (result) {
        steps.push(result.step)
        for (const link of result.links) links.push({from: result.step, ...link})
      }
    } else if (child.type !== 'paragraph' || child.children.length > 0) {
      reportAt(context, modulePath, child, rules.misplacedDirective, 'Unexpected content in a scenario, expected only `::::step` blocks')
    }
  }
  if (!attributes) return undefined
  const id = String(attributes['id'])
  const outcome = attributes['outcome'] === undefined ? undefined : String(attributes['outcome'])
  if (outcome !== undefined) {
    context.outcomeRefs.push({id: outcome, file: pathOf(node, modulePath), place: attributePlace(context, pathOf(node, modulePath), node, 'outcome'), taught: false})
  }
  if (steps.length === 0) {
    reportAt(context, modulePath, node, rules.brokenScenario, 'Unexpected scenario `' + id + '` without steps, expected `::::step{id=…}` blocks')
    return undefined
  }
  const byId = new Map(steps.map((item) => [item.id, item]))
  let broken = false
  for (const link of links) {
    if (!byId.has(link.choice.next)) {
      reportAt(context, modulePath, link.node, rules.brokenScenario, 'Unexpected link to a missing step `' + link.choice.next + '`, expected one of the scenario’s steps')
      broken = true
    }
  }
  const reached = new Set<string>([steps[0]!.id])
  const queue = [steps[0]!]
  while (queue.length > 0) {
    for (const option of queue.shift()!.choices) {
      const next = byId.get(option.next)
      if (next && !reached.has(next.id)) {
        reached.add(next.id)
        queue.push(next)
      }
    }
  }
  for (const item of steps) {
    if (!reached.has(item.id)) {
      const at = node.children.find((child) => child.type === 'containerDirective' && child.name === 'step' && child.attributes?.['id'] === item.id)
      reportAt(context, modulePath, at, rules.brokenScenario, 'Unexpected step `' + item.id + '` that no choice leads to, expected a link `[…](#' + item.id + ')` from another step')
      broken = true
    }
    if (item.choices.length === 0 && item.result === undefined) {
      const at = node.children.find((child) => child.type === 'containerDirective' && child.name === 'step' && child.attributes?.['id'] === item.id)
      reportAt(context, modulePath, at, rules.brokenScenario, 'Unexpected ending `' + item.id + '` without `result`, expected `result=good`, `result=partial` or `result=poor`')
      broken = true
    }
  }
  if (broken) return undefined
  return {
    type: 'scenario',
    id,
    title: attributes['title'] === undefined ? undefined : String(attributes['title']),
    outcome,
    points: Number(attributes['points'] ?? 1),
    steps,
    source: sourceOf(node, modulePath)
  }
}

function step(context: Context, modulePath: string, node: ContainerDirective): {step: ScenarioStep; links: Array<{choice: ScenarioChoice; node: RootContent}>} | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'step')
  if (!attributes) return undefined
  const id = String(attributes['id'])
  declareId(context, modulePath, node, 'step', id)
  let choiceList: List | undefined
  for (let index = node.children.length - 1; index >= 0; index--) {
    const child = node.children[index]!
    if (child.type === 'list' && child.children.length > 0 && child.children.every(isChoiceItem)) {
      choiceList = child
      break
    }
  }
  const content = node.children.filter((child) => child !== choiceList)
  const links: Array<{choice: ScenarioChoice; node: RootContent}> = []
  const choices = (choiceList?.children ?? []).map((item, index) => {
    const paragraph = item.children[0]
    const link = paragraph && paragraph.type === 'paragraph' ? paragraph.children.find((inline) => inline.type === 'link') : undefined
    const label = link && link.type === 'link' ? link.children : []
    const feedback = item.children.filter((child) => child.type === 'blockquote').flatMap((quote) => (quote.type === 'blockquote' ? quote.children : []))
    const text = plainText(label)
    const next = link && link.type === 'link' ? decodeSegment(link.url.slice(1)) : ''
    const choice: ScenarioChoice = {
      id: letter(index),
      html: contentToHtml(context, modulePath, label),
      text,
      next,
      feedback: feedback.length > 0 ? contentToHtml(context, modulePath, feedback) : undefined
    }
    links.push({choice, node: item})
    return choice
  })
  const result = attributes['result'] as ScenarioStep['result']
  return {step: {id, html: contentToHtml(context, modulePath, content), choices, result: choices.length === 0 ? result : undefined, source: sourceOf(node, modulePath)}, links}
}

function isChoiceItem(item: List['children'][number]): boolean {
  const paragraph = item.children[0]
  return paragraph !== undefined && paragraph.type === 'paragraph' && paragraph.children.some((inline) => inline.type === 'link' && inline.url.startsWith('#'))
}
