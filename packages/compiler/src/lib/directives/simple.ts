import type {ContainerDirective} from 'mdast-util-directive'
import type {ActivityBlock, ReflectionBlock, TrainerBlock} from '@coursemark/model'
import {checkAttributes, declareId, sourceOf, type Context} from '../context.js'
import {contentToHtml} from '../html.js'

/** Turn a `:::reflection` container into an unscored free-text prompt. */
export function reflection(context: Context, modulePath: string, node: ContainerDirective): ReflectionBlock | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'reflection')
  const html = contentToHtml(context, modulePath, node.children)
  if (!attributes) return undefined
  const id = String(attributes['id'])
  declareId(context, modulePath, node, 'reflection', id)
  return {type: 'reflection', id, html, source: sourceOf(node, modulePath)}
}

/** Turn an `:::activity` container into a classroom exercise. */
export function activity(context: Context, modulePath: string, node: ContainerDirective): ActivityBlock | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'activity')
  const html = contentToHtml(context, modulePath, node.children)
  if (!attributes) return undefined
  return {
    type: 'activity',
    title: String(attributes['title']),
    duration: attributes['duration'] === undefined ? undefined : Number(attributes['duration']),
    html,
    source: sourceOf(node, modulePath)
  }
}

/** Turn a `:::trainer` container into trainer notes (left out of learner packages). */
export function trainer(context: Context, modulePath: string, node: ContainerDirective): TrainerBlock | undefined {
  const attributes = checkAttributes(context, modulePath, node, 'trainer')
  const html = contentToHtml(context, modulePath, node.children)
  if (!attributes) return undefined
  return {type: 'trainer', html, source: sourceOf(node, modulePath)}
}
