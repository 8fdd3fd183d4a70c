import type {Question, QuizBlock} from '@coursemark/model'
import {isCorrect, isFinal} from '../scoring.js'
import {answerQuestion} from '../state.js'
import type {Context} from './context.js'
import {domId, h, html, icon} from './dom.js'
import {createInput} from './inputs.js'

/** A quiz: its questions, each with its own check button and feedback. */
export function renderQuiz(context: Context, quiz: QuizBlock): HTMLElement {
  const {doc} = context
  const titleId = domId('cm-quiz', quiz.id)
  return h(doc, 'section', {class: 'cm-quiz', 'aria-labelledby': quiz.title ? titleId : undefined},
    quiz.title ? h(doc, 'h2', {class: 'cm-quiz-title', id: titleId}, quiz.title) : undefined,
    ...quiz.questions.map((question, index) => renderQuestion(context, quiz, question, index, quiz.questions.length)))
}

function renderQuestion(context: Context, quiz: QuizBlock, question: Question, index: number, total: number): HTMLElement {
  const {doc, t} = context
  const id = domId('cm-q', question.id)
  const promptId = id + '-prompt'
  const input = createInput(context, question, promptId)
  const check = h(doc, 'button', {type: 'button', class: 'cm-button cm-check'}, t('quiz.check'))
  const feedback = h(doc, 'div', {class: 'cm-feedback'})
  const element = h(doc, 'div', {class: 'cm-question', id, 'data-type': question.type},
    total > 1 ? h(doc, 'p', {class: 'cm-question-number'}, t('quiz.question', {number: index + 1, total})) : undefined,
    html(context, 'div', {class: 'cm-prompt', id: promptId}, question.prompt),
    input.element,
    h(doc, 'div', {class: 'cm-actions'}, check),
    feedback)
  let shownAt = context.now()
  let answerShown: HTMLElement | undefined
  let revealed = false

  function show(): void {
    const answer = context.state().questions.get(question.id)
    if (!answer) return
    const correct = isCorrect(question, answer.response)
    const final = isFinal(question, quiz.attempts, answer)
    element.classList.toggle('cm-answered-correct', correct)
    element.classList.toggle('cm-answered-incorrect', !correct)
    const parts: Array<HTMLElement | undefined> = []
    const left = Math.max(0, quiz.attempts - answer.attempts)
    parts.push(h(doc, 'p', {class: 'cm-result ' + (correct ? 'cm-result-correct' : 'cm-result-incorrect')},
      icon(doc, correct ? 'check' : 'cross'),
      correct ? t('quiz.correct') : t('quiz.incorrect') + ' ' + (final ? t('quiz.revealed') : t('quiz.triesLeft', {count: left}))))
    if (question.type === 'single' || question.type === 'multiple') {
      const chosen = answer.response.type === 'single' ? [answer.response.choice] : answer.response.type === 'multiple' ? answer.response.choices : []
      const notes = chosen.flatMap((choice) => {
        const option = question.choices[choice]
        return option?.feedback ? [html(context, 'li', {class: option.correct ? 'cm-option-feedback cm-correct' : 'cm-option-feedback'}, option.feedback)] : []
      })
      if (notes.length > 0) parts.push(h(doc, 'ul', {class: 'cm-option-feedbacks'}, ...notes))
    }
    if (final) {
      input.setDisabled(true)
      // aria-disabled rather than disabled: a keyboard user on the button keeps their place.
      check.setAttribute('aria-disabled', 'true')
      if (!revealed) {
        revealed = true
        answerShown = input.reveal()
      }
      if (!correct) parts.push(answerShown)
      if (question.feedback) parts.push(html(context, 'div', {class: 'cm-explanation'}, question.feedback))
    }
    feedback.replaceChildren(...parts.filter((part): part is HTMLElement => part !== undefined))
  }

  function onCheck(): void {
    if (check.getAttribute('aria-disabled') === 'true') return
    const response = input.read()
    if ('missing' in response) {
      feedback.replaceChildren(h(doc, 'p', {class: 'cm-result cm-result-missing'}, t(response.missing)))
      context.announce(t(response.missing))
      return
    }
    const at = context.now()
    context.apply(answerQuestion(context.state(), question.id, response), {type: 'answer', id: question.id, latency: at - shownAt})
    shownAt = at
    show()
    context.announce(Array.from(feedback.children, (part) => part.textContent ?? '').join(' '))
  }

  check.addEventListener('click', onCheck)
  input.onSubmit(onCheck)
  const answer = context.state().questions.get(question.id)
  if (answer) {
    input.write(answer.response)
    show()
  }
  return element
}
