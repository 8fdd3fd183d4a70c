import type {MatchQuestion, OrderQuestion, Question} from '@coursemark/model'
import {decimal} from '../decimal.js'
import {parseNumber} from '../normalize.js'
import type {Response} from '../state.js'
import type {Context} from './context.js'
import {domId, h, html, icon, srOnly} from './dom.js'
import {shuffledIndexes} from './shuffle.js'

/** The answer controls of one question. */
export interface QuestionInput {
  readonly element: HTMLElement
  /** The answer as it stands, or the string key explaining why it cannot be checked yet. */
  read(): Response | {readonly missing: string}
  /** Show an answer (restoring a checked one). */
  write(response: Response): void
  setDisabled(disabled: boolean): void
  /** Mark the right options (called once the question is final), and return any text that shows the right answer. */
  reveal(): HTMLElement | undefined
  /** Run `check` when the learner presses Enter in a text field. */
  onSubmit(check: () => void): void
}

/** Create the controls for a question. `labelId` is the id of the element holding the prompt. */
export function createInput(context: Context, question: Question, labelId: string): QuestionInput {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return choiceInput(context, question.type === 'multiple', question.choices.map((choice) => ({html: choice.html, correct: choice.correct})), question.id, labelId)
    case 'true-false': {
      const input = choiceInput(context, false, [
        {html: escape(context.t('quiz.true')), correct: question.answer},
        {html: escape(context.t('quiz.false')), correct: !question.answer}
      ], question.id, labelId)
      return {
        ...input,
        read() {
          const response = input.read()
          return 'missing' in response ? response : {type: 'true-false', value: response.type === 'single' && response.choice === 0}
        },
        write(response) {
          if (response.type === 'true-false') input.write({type: 'single', choice: response.value ? 0 : 1})
        }
      }
    }
    case 'order':
      return orderInput(context, question, labelId)
    case 'match':
      return matchInput(context, question, labelId)
    case 'text':
    case 'numeric':
      return textInput(context, question, labelId)
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function choiceInput(
  context: Context,
  multiple: boolean,
  options: ReadonlyArray<{readonly html: string; readonly correct: boolean}>,
  questionId: string,
  labelId: string
): QuestionInput {
  const {doc, t} = context
  const name = domId('cm-choice', questionId)
  const inputs: HTMLInputElement[] = []
  const labels: HTMLLabelElement[] = []
  const group = h(doc, 'div', {class: 'cm-options', role: multiple ? 'group' : 'radiogroup', 'aria-labelledby': labelId})
  options.forEach((option, index) => {
    const input = h(doc, 'input', {type: multiple ? 'checkbox' : 'radio', name, value: String(index), id: name + '-' + index})
    const label = h(doc, 'label', {class: 'cm-option', for: input.id}, input, html(context, 'span', {class: 'cm-option-text'}, option.html))
    inputs.push(input)
    labels.push(label)
    group.append(label)
  })
  return {
    element: group,
    read() {
      const checked = inputs.flatMap((input, index) => (input.checked ? [index] : []))
      if (checked.length === 0) return {missing: 'quiz.empty'}
      return multiple ? {type: 'multiple', choices: checked} : {type: 'single', choice: checked[0] as number}
    },
    write(response) {
      const chosen = response.type === 'single' ? [response.choice] : response.type === 'multiple' ? response.choices : []
      inputs.forEach((input, index) => {
        input.checked = chosen.includes(index)
      })
    },
    setDisabled(disabled) {
      for (const input of inputs) input.disabled = disabled
    },
    reveal() {
      options.forEach((option, index) => {
        const label = labels[index]
        if (!label || !option.correct) return
        label.classList.add('cm-is-correct')
        label.append(icon(doc, 'check'), srOnly(doc, ' (' + t('quiz.correctMark') + ')'))
      })
      return undefined
    },
    onSubmit() {}
  }
}

function orderInput(context: Context, question: OrderQuestion, labelId: string): QuestionInput {
  const {doc, t} = context
  let order = shuffledIndexes(question.items.length, question.id)
  let disabled = false
  const list = h(doc, 'ol', {class: 'cm-order', 'aria-labelledby': labelId})
  const element = h(doc, 'div', {class: 'cm-order-input'}, list)

  function move(position: number, delta: -1 | 1): void {
    const target = position + delta
    const item = order[position]
    const other = order[target]
    if (item === undefined || other === undefined) return
    order = order.slice()
    order[position] = other
    order[target] = item
    render()
    const buttons = list.children[target]?.querySelectorAll('button')
    const again = buttons?.[delta < 0 ? 0 : 1]
    const fallback = buttons?.[delta < 0 ? 1 : 0]
    ;(again && !again.disabled ? again : fallback)?.focus()
    context.announce(t('quiz.moved', {item: question.items[item]?.text ?? '', position: target + 1, total: order.length}))
  }

  function render(): void {
    list.replaceChildren(...order.map((item, position) => {
      const text = question.items[item]?.text ?? ''
      const up = h(doc, 'button', {type: 'button', class: 'cm-move cm-move-up', 'aria-label': t('quiz.moveUp', {item: text}), disabled: disabled || position === 0}, icon(doc, 'up'))
      const down = h(doc, 'button', {type: 'button', class: 'cm-move cm-move-down', 'aria-label': t('quiz.moveDown', {item: text}), disabled: disabled || position === order.length - 1}, icon(doc, 'down'))
      up.addEventListener('click', () => move(position, -1))
      down.addEventListener('click', () => move(position, 1))
      return h(doc, 'li', {class: 'cm-order-item'},
        h(doc, 'span', {class: 'cm-order-position', 'aria-hidden': 'true'}, String(position + 1)),
        html(context, 'span', {class: 'cm-order-text'}, question.items[item]?.html ?? ''),
        h(doc, 'span', {class: 'cm-order-buttons'}, up, down))
    }))
  }

  render()
  return {
    element,
    read() {
      return {type: 'order', order: order.slice()}
    },
    write(response) {
      if (response.type === 'order' && response.order.length === question.items.length) {
        order = response.order.slice()
        render()
      }
    },
    setDisabled(value) {
      disabled = value
      render()
    },
    reveal() {
      return h(doc, 'div', {class: 'cm-answer'}, h(doc, 'p', null, t('quiz.correctOrder')),
        h(doc, 'ol', null, ...question.items.map((item) => h(doc, 'li', null, item.text))))
    },
    onSubmit() {}
  }
}

function matchInput(context: Context, question: MatchQuestion, labelId: string): QuestionInput {
  const {doc, t} = context
  const shown = shuffledIndexes(question.targets.length, question.id)
  const base = domId('cm-match', question.id)
  const selects: HTMLSelectElement[] = []
  const rows = question.sources.map((source, index) => {
    const headerId = base + '-' + index
    const select = h(doc, 'select', {'aria-labelledby': headerId, class: 'cm-match-select'},
      h(doc, 'option', {value: ''}, t('quiz.choose')),
      ...shown.map((target) => h(doc, 'option', {value: String(target)}, question.targets[target]?.text ?? '')))
    selects.push(select)
    return h(doc, 'tr', null, html(context, 'th', {scope: 'row', id: headerId}, source.html), h(doc, 'td', null, select))
  })
  const table = h(doc, 'table', {class: 'cm-match', 'aria-labelledby': labelId},
    h(doc, 'thead', null, h(doc, 'tr', null, h(doc, 'th', {scope: 'col'}, question.headers[0]), h(doc, 'th', {scope: 'col'}, question.headers[1]))),
    h(doc, 'tbody', null, ...rows))
  return {
    element: h(doc, 'div', {class: 'cm-match-input'}, table),
    read() {
      const targets = selects.map((select) => (select.value === '' ? -1 : Number(select.value)))
      return targets.some((target) => target < 0) ? {missing: 'quiz.emptyMatch'} : {type: 'match', targets}
    },
    write(response) {
      if (response.type !== 'match') return
      selects.forEach((select, index) => {
        const target = response.targets[index] ?? -1
        select.value = target >= 0 ? String(target) : ''
      })
    },
    setDisabled(disabled) {
      for (const select of selects) select.disabled = disabled
    },
    reveal() {
      return h(doc, 'div', {class: 'cm-answer'}, h(doc, 'p', null, t('quiz.correctPairs')),
        h(doc, 'ul', null, ...question.sources.map((source, index) => h(doc, 'li', null, source.text + ' → ' + (question.targets[index]?.text ?? '')))))
    },
    onSubmit() {}
  }
}

function textInput(context: Context, question: Question & {readonly type: 'text' | 'numeric'}, labelId: string): QuestionInput {
  const {doc, t} = context
  const numeric = question.type === 'numeric'
  const field = h(doc, 'input', {
    type: 'text',
    class: 'cm-text-answer',
    'aria-labelledby': labelId,
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: numeric ? 'decimal' : undefined,
    maxlength: 500
  })
  const submitters: Array<() => void> = []
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      for (const submit of submitters) submit()
    }
  })
  return {
    element: h(doc, 'div', {class: 'cm-text-input'}, field),
    read() {
      const text = field.value
      if (text.trim() === '') return {missing: 'quiz.empty'}
      if (numeric) return parseNumber(text) === undefined ? {missing: 'quiz.notNumber'} : {type: 'numeric', text}
      return {type: 'text', text}
    },
    write(response) {
      if (response.type === 'text' || response.type === 'numeric') field.value = response.text
    },
    setDisabled(disabled) {
      field.readOnly = disabled
      field.setAttribute('aria-readonly', String(disabled))
    },
    reveal() {
      if (question.type === 'text') {
        return h(doc, 'p', {class: 'cm-answer'}, t('quiz.accepted', {answer: question.accepted[0] ?? ''}))
      }
      return h(doc, 'p', {class: 'cm-answer'}, question.tolerance > 0
        ? t('quiz.numericRange', {answer: decimal(question.answer), min: decimal(question.answer - question.tolerance), max: decimal(question.answer + question.tolerance)})
        : t('quiz.numericAnswer', {answer: decimal(question.answer)}))
    },
    onSubmit(check) {
      submitters.push(check)
    }
  }
}
