/**
 * Writes a live value straight into the DOM (no React render per sample). A value the box did not
 * report shows the dash with a tooltip saying so, and is marked for the muted style.
 */
export const paintValue = (el: HTMLElement | null | undefined, text: string, reported: boolean, notReported: string) => {
  if (!el) return;
  if (el.textContent !== text) el.textContent = text;
  if (reported) {
    el.removeAttribute('title');
    delete el.dataset['missing'];
  } else {
    el.title = notReported;
    el.dataset['missing'] = '';
  }
};
