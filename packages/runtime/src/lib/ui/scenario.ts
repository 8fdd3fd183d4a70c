import type {ScenarioBlock} from '@coursemark/model'
import {walkScenario} from '../scoring.js'
import {chooseInScenario, restartScenario} from '../state.js'
import type {Context} from './context.js'
import {domId, h, html} from './dom.js'

/** A branching scenario: the current step, its choices, the feedback of the last choice, the ending. */
export function renderScenario(context: Context, scenario: ScenarioBlock): HTMLElement {
  const {doc, t} = context
  const titleId = domId('cm-scenario', scenario.id)
  const feedback = h(doc, 'div', {class: 'cm-scenario-feedback'})
  const stage = h(doc, 'div', {class: 'cm-scenario-stage'})
  const element = h(doc, 'section', {class: 'cm-scenario', 'aria-labelledby': titleId},
    h(doc, 'h2', {class: 'cm-scenario-title', id: titleId}, scenario.title ?? t('scenario.label')),
    feedback,
    stage)
  let startedAt = context.now()

  function render(focus: boolean): void {
    const path = context.state().scenarios.get(scenario.id) ?? []
    const {steps, ending} = walkScenario(scenario, path)
    const step = steps[steps.length - 1]
    if (!step) return
    const last = path.length > 0 ? steps[steps.length - 2]?.choices[path[path.length - 1] ?? -1] : undefined
    feedback.replaceChildren(...(last?.feedback ? [html(context, 'div', {class: 'cm-choice-feedback'}, last.feedback)] : []))
    const text = html(context, 'div', {class: 'cm-step', tabindex: -1}, step.html)
    const parts: HTMLElement[] = [text]
    if (ending) {
      const result = ending.result ?? 'poor'
      parts.push(h(doc, 'p', {class: 'cm-scenario-result cm-scenario-' + result}, scenario.outcome !== undefined || ending.result ? t('scenario.' + result) : t('scenario.end')))
      // A scored scenario counts its first ending; an unscored one can be replayed.
      if (scenario.outcome === undefined) {
        const again = h(doc, 'button', {type: 'button', class: 'cm-button cm-restart'}, t('scenario.restart'))
        again.addEventListener('click', () => {
          startedAt = context.now()
          context.apply(restartScenario(context.state(), scenario.id), {type: 'scenario', id: scenario.id, latency: 0})
          render(true)
        })
        parts.push(again)
      }
    } else {
      parts.push(h(doc, 'div', {class: 'cm-scenario-choices', role: 'group', 'aria-label': t('scenario.choices')},
        ...step.choices.map((choice, index) => {
          const button = html(context, 'button', {type: 'button', class: 'cm-button cm-choice'}, choice.html)
          button.addEventListener('click', () => {
            const at = context.now()
            context.apply(chooseInScenario(context.state(), scenario.id, index), {type: 'scenario', id: scenario.id, latency: at - startedAt})
            render(true)
          })
          return button
        })))
    }
    stage.replaceChildren(...parts)
    if (focus) {
      text.focus()
      const result = stage.querySelector('.cm-scenario-result')
      const said = [feedback.textContent, result?.textContent].filter(Boolean).join(' ')
      if (said) context.announce(said)
    }
  }

  render(false)
  return element
}
