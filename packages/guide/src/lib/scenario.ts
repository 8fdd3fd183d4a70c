import type {ScenarioBlock} from '@coursemark/model'

/**
 * The shortest path of step ids from the start to a `good` ending (else to the best ending there
 * is: `partial`, then `poor`), or `[]` when no ending can be reached. Pure.
 */
export function bestPath(scenario: ScenarioBlock): string[] {
  const steps = new Map(scenario.steps.map((step) => [step.id, step]))
  const start = scenario.steps[0]
  if (!start) return []
  const previous = new Map<string, string | undefined>([[start.id, undefined]])
  const queue = [start.id]
  const endings: string[] = []
  while (queue.length > 0) {
    const id = queue.shift()!
    const step = steps.get(id)
    if (!step) continue
    if (step.choices.length === 0) endings.push(id)
    for (const choice of step.choices) {
      if (previous.has(choice.next) || !steps.has(choice.next)) continue
      previous.set(choice.next, id)
      queue.push(choice.next)
    }
  }
  const rank = (id: string): number => ({good: 0, partial: 1, poor: 2} as Record<string, number>)[steps.get(id)?.result ?? ''] ?? 3
  const target = [...endings].sort((a, b) => rank(a) - rank(b))[0]
  if (target === undefined) return []
  const path: string[] = []
  for (let id: string | undefined = target; id !== undefined; id = previous.get(id)) path.unshift(id)
  return path
}
