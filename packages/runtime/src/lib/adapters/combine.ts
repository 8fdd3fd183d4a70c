import type {InteractionRecord} from '../interaction.js'
import type {Launch, Snapshot, TrackingAdapter} from './types.js'

/**
 * One adapter that drives several: the first one leads (its launch is the one played, its name
 * and suspend limit are the ones the player sees; the suspend limit is the smallest of all, so
 * every store can keep what is saved), and every call goes to each of them, in order. The
 * preview uses it to run the SCORM 2004 and xAPI adapters beside the SCORM 1.2 one, so that the
 * LMS inspector shows what each would record for the same session.
 *
 * @param lead
 *   The adapter whose launch is played.
 * @param others
 *   Adapters that follow along (their launch is read, then ignored).
 * @returns
 *   The combined adapter.
 */
export function combineAdapters(lead: TrackingAdapter, others: ReadonlyArray<TrackingAdapter>): TrackingAdapter {
  const all = [lead, ...others]
  return {
    name: lead.name,
    suspendLimit: Math.min(...all.map((adapter) => adapter.suspendLimit)),
    start(): Launch {
      const launch = lead.start()
      for (const adapter of others) adapter.start()
      return launch
    },
    save(snapshot: Snapshot) {
      for (const adapter of all) adapter.save(snapshot)
    },
    record(interaction: InteractionRecord) {
      for (const adapter of all) adapter.record(interaction)
    },
    commit() {
      for (const adapter of all) adapter.commit()
    },
    finish(snapshot: Snapshot, sessionMilliseconds: number) {
      for (const adapter of all) adapter.finish(snapshot, sessionMilliseconds)
    }
  }
}
