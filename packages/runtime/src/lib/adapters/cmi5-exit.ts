import type {Cmi5Adapter} from './cmi5.js'

/** Look up a UI string (see `ui/strings.ts`). */
type Translate = (key: string) => string

/**
 * Add the “Exit” button of a cmi5 launch to the player's header: it ends the session
 * (`terminated`), waits for the LRS to have every statement, and returns the learner to the LMS
 * (`returnURL`), or says the window can be closed when the LMS gave no `returnURL`.
 *
 * @param root
 *   The `#coursemark` element, after the player rendered into it.
 * @param adapter
 *   The cmi5 adapter of the session.
 * @param t
 *   UI strings (`exit.button`, `exit.saving`, `exit.done`).
 */
export function addExitControl(root: HTMLElement, adapter: Cmi5Adapter, t: Translate): void {
  const doc = root.ownerDocument
  const button = doc.createElement('button')
  button.type = 'button'
  button.className = 'cm-exit'
  button.textContent = t('exit.button')
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') === 'true') return
    button.setAttribute('aria-disabled', 'true')
    button.textContent = t('exit.saving')
    void adapter.exit().then((left) => {
      if (left) return
      const message = doc.createElement('p')
      message.className = 'cm-exit-done'
      message.setAttribute('role', 'status')
      message.textContent = t('exit.done')
      root.replaceChildren(message)
    })
  })
  const header = root.querySelector('.cm-header')
  if (header) header.append(button)
  else root.prepend(button)
}
