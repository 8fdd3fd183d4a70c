import type {InteractionRecord} from '../interaction.js'
import type {Progress} from '../scoring.js'

/** What the LMS (or the browser) hands the runtime at launch. */
export interface Launch {
  /** Suspend data saved by an earlier session (empty when none). */
  readonly suspendData: string
  /** Bookmark: the id of the page the learner was on, or `results` (empty when none). */
  readonly location: string
  /** `browse` and `review` launches never change status, score, objectives or interactions. */
  readonly mode: 'normal' | 'browse' | 'review'
  /** Pass mark set by the LMS (scaled, 0–1), when it sets one. */
  readonly mastery?: number | undefined
}

/** Everything an adapter stores after a change. */
export interface Snapshot {
  readonly progress: Progress
  /** Bookmark: page id, or `results`. */
  readonly location: string
  readonly suspendData: string
  /** Learning outcome ids of the course, in order (objective ids). */
  readonly outcomes: ReadonlyArray<string>
}

/** A problem talking to the LMS or the browser storage, to show to the learner. */
export interface Problem {
  /** Permanent key of the message in the UI strings (`notice.*`). */
  readonly key: string
  /** Values for the message (`code`, `message`, `element`). */
  readonly values?: Readonly<Record<string, string>> | undefined
  /** The problem is over (a later save or commit succeeded): the notice with this key and values goes away. */
  readonly resolved?: boolean | undefined
}

/**
 * One tracking back end (standalone, SCORM 1.2, SCORM 2004; xAPI and cmi5 plug in here too).
 * Adapters never throw: problems go to the `report` callback they were created with.
 */
export interface TrackingAdapter {
  readonly name: 'standalone' | 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5'
  /** Longest suspend data the store keeps (`Infinity` when unlimited). */
  readonly suspendLimit: number
  /** Open the session (once) and read what an earlier session left. */
  start(): Launch
  /** Store progress, bookmark and suspend data (only what changed since the last save). */
  save(snapshot: Snapshot): void
  /** Report one answer. */
  record(interaction: InteractionRecord): void
  /** Ask the store to persist what it has. */
  commit(): void
  /** Store the last values, the session time and exit state, and close the session (once). */
  finish(snapshot: Snapshot, sessionMilliseconds: number): void
}

/** Callback adapters use to report problems. */
export type Reporter = (problem: Problem) => void
