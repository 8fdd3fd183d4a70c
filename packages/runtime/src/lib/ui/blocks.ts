import type {ActivityBlock, Block, ReflectionBlock} from '@coursemark/model'
import {writeReflection} from '../state.js'
import type {Context} from './context.js'
import {domId, h, html} from './dom.js'
import {renderQuiz} from './quiz.js'
import {renderScenario} from './scenario.js'

/** Render one block of a page. Trainer notes are never shown. */
export function renderBlock(context: Context, block: Block): HTMLElement | undefined {
  switch (block.type) {
    case 'html':
      return html(context, 'div', {class: 'cm-html'}, block.html)
    case 'quiz':
      return renderQuiz(context, block)
    case 'scenario':
      return renderScenario(context, block)
    case 'reflection':
      return renderReflection(context, block)
    case 'activity':
      return renderActivity(context, block)
    case 'trainer':
      return undefined
  }
}

function renderReflection(context: Context, block: ReflectionBlock): HTMLElement {
  const {doc, t} = context
  const id = domId('cm-reflection', block.id)
  const field = h(doc, 'textarea', {class: 'cm-reflection-text', id: id + '-text', rows: 6, 'aria-labelledby': id + '-prompt ' + id + '-label', 'aria-describedby': id + '-hint'})
  field.value = context.state().reflections.get(block.id) ?? ''
  field.addEventListener('input', () => context.keep(writeReflection(context.state(), block.id, field.value)))
  field.addEventListener('change', () => context.apply(writeReflection(context.state(), block.id, field.value), {type: 'reflection', id: block.id}))
  return h(doc, 'section', {class: 'cm-reflection', id},
    html(context, 'div', {class: 'cm-reflection-prompt', id: id + '-prompt'}, block.html),
    h(doc, 'label', {class: 'cm-reflection-label', id: id + '-label', for: field.id}, t('reflection.label')),
    field,
    h(doc, 'p', {class: 'cm-hint', id: id + '-hint'}, t('reflection.hint')))
}

function renderActivity(context: Context, block: ActivityBlock): HTMLElement {
  const {doc, t} = context
  const id = domId('cm-activity', block.title)
  return h(doc, 'section', {class: 'cm-activity', 'aria-labelledby': id},
    h(doc, 'p', {class: 'cm-activity-label'}, t('activity.label')),
    h(doc, 'h2', {class: 'cm-activity-title', id}, block.title),
    block.duration ? h(doc, 'p', {class: 'cm-activity-duration'}, t('activity.duration', {minutes: block.duration})) : undefined,
    html(context, 'div', {class: 'cm-html'}, block.html))
}
