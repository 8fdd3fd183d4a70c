import type {Course} from '@coursemark/model'
import {activityIri, activityTypes, interactionDefinition, questionsOf, scenarioDefinition} from '@coursemark/model'
import type {InteractionDefinition} from '@coursemark/model'
import {languageTag} from '../lom/language.js'
import {lineText} from './text.js'

/** Values for `templates/xapi/tincan.xml.hbs`. */
export interface TinCanView {
  /** `lang` of every text, or `null` when the course language is not a valid `xs:language`. */
  readonly lang: string | null
  readonly activities: ReadonlyArray<{
    readonly id: string
    readonly type: string
    readonly name: string
    readonly description: string
    /** Launch URL (the course only). */
    readonly launch: string | null
    readonly interaction: {
      readonly type: InteractionDefinition['interactionType']
      readonly patterns: ReadonlyArray<string>
      readonly lists: ReadonlyArray<{readonly name: 'choices' | 'source' | 'target' | 'steps'; readonly components: ReadonlyArray<{readonly id: string; readonly description: string}>}>
    } | null
  }>
}

/**
 * The activities of `tincan.xml`: the course (launched with `index.html`), its modules,
 * learning outcomes (objectives), questions and scored scenarios, with the ids the runtime uses
 * in statements (`activityIri`) and the same interaction definitions.
 *
 * @param course
 *   The course (as learners get it).
 * @returns
 *   View for the template.
 */
export function tinCanView(course: Course): TinCanView {
  const lang = languageTag(course.language) ?? null
  const interaction = (definition: InteractionDefinition): TinCanView['activities'][number]['interaction'] => ({
    type: definition.interactionType,
    patterns: definition.correctResponsesPattern ?? [],
    lists: (['choices', 'source', 'target', 'steps'] as const).flatMap((name) => {
      const components = definition[name]
      return components && components.length > 0
        ? [{name, components: components.map((component) => ({id: component.id, description: lineText(Object.values(component.description)[0], component.id)}))}]
        : []
    })
  })
  const scenarios = course.modules.flatMap((module) => module.pages.flatMap((page) => page.blocks.flatMap((block) => (block.type === 'scenario' && block.outcome !== undefined ? [block] : []))))
  return {
    lang,
    activities: [
      {id: course.id, type: activityTypes.course, name: lineText(course.title, course.slug), description: lineText(course.description, course.title || course.slug), launch: 'index.html', interaction: null},
      ...course.modules.map((module) => ({
        id: activityIri(course.id, 'modules', module.id),
        type: activityTypes.module,
        name: lineText(module.title, module.id),
        description: lineText(module.description, module.title || module.id),
        launch: null,
        interaction: null
      })),
      ...course.outcomes.map((outcome) => ({
        id: activityIri(course.id, 'objectives', outcome.id),
        type: activityTypes.objective,
        name: lineText(outcome.id, outcome.id),
        description: lineText(outcome.statement, outcome.id),
        launch: null,
        interaction: null
      })),
      ...questionsOf(course).map(({question}) => ({
        id: activityIri(course.id, 'questions', question.id),
        type: activityTypes.interaction,
        name: lineText(question.promptText, question.id),
        description: lineText(question.promptText, question.id),
        launch: null,
        interaction: interaction(interactionDefinition(question, course.language))
      })),
      ...scenarios.map((scenario) => ({
        id: activityIri(course.id, 'scenarios', scenario.id),
        type: activityTypes.interaction,
        name: lineText(scenario.title, scenario.id),
        description: lineText(scenario.title, scenario.id),
        launch: null,
        interaction: interaction(scenarioDefinition(scenario, course.language))
      }))
    ]
  }
}
