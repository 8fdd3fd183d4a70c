import type {CourseIndex} from '../course-index.js'
import type {State} from '../state.js'
import type {Change} from '../tracker.js'
import type {Translate} from './strings.js'

/** What the views of the player share. */
export interface Context {
  readonly doc: Document
  readonly index: CourseIndex
  readonly t: Translate
  /** The clock: milliseconds since the epoch. */
  readonly now: () => number
  /** The current state. */
  state(): State
  /** Replace the state and have the change tracked. */
  apply(next: State, change: Change): void
  /** Replace the state without tracking yet (typing in a reflection). */
  keep(next: State): void
  /** Show a page (or the results view, `pages.length`). */
  goTo(page: number): void
  /** Have screen readers read `text` (feedback, moves), through the player's live region. */
  announce(text: string): void
}
