const EVENT = 'yishitai:focus-signin';

/** Give the keyboard back to the sign-in box (after a dialog elsewhere on the meeting page closes). */
export function focusSignIn(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onFocusSignIn(fn: () => void): () => void {
  window.addEventListener(EVENT, fn);
  return () => window.removeEventListener(EVENT, fn);
}
