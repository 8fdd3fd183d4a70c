import type {ScormSession} from './scorm-session.js'

/**
 * Where each objective id lives in `cmi.objectives`: the LMS may already hold some
 * (from an earlier session, or from the manifest in SCORM 2004), in any order.
 */
export function readObjectiveSlots(session: ScormSession): Map<string, number> {
  const slots = new Map<string, number>()
  const count = Number.parseInt(session.get('cmi.objectives._count'), 10)
  for (let index = 0; index < (Number.isFinite(count) ? count : 0); index++) {
    const id = session.get('cmi.objectives.' + index + '.id')
    if (id && !slots.has(id)) slots.set(id, index)
  }
  return slots
}

/** The slot of an objective id, appending a new one when the LMS has none yet. */
export function objectiveSlot(slots: Map<string, number>, id: string): number {
  const existing = slots.get(id)
  if (existing !== undefined) return existing
  const slot = slots.size === 0 ? 0 : Math.max(...slots.values()) + 1
  slots.set(id, slot)
  return slot
}
