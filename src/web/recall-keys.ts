/**
 * The recall page's keys, as the script /static/recall-keys.js serves: j and k move between the
 * devices, c confirms the one in focus, d opens its "Not this device" form at the reason. Every
 * key presses a button or opens a form the page already has, so without scripts nothing is lost.
 * Kept as text, not a module: the server ships it as it is, under the CSP's 'self' scripts.
 */
export const recallKeysScript = `(() => {
  const rows = () => Array.from(document.querySelectorAll('#assets tr[data-asset]'));
  // Keys typed into a field are the field's, not ours.
  const typing = (el) =>
    el instanceof HTMLElement &&
    (el.isContentEditable ||
      el.tagName === 'SELECT' ||
      el.tagName === 'TEXTAREA' ||
      (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)));
  let current = null;
  const show = (row) => {
    for (const r of rows()) r.classList.toggle('current', r === row);
    current = row.dataset.asset;
    row.focus();
  };
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const all = rows();
    if (all.length === 0) return;
    const at = all.findIndex((r) => r.dataset.asset === current);
    if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      show(all[e.key === 'j' ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)]);
      return;
    }
    const row = all[at];
    if (!row) return;
    if (e.key === 'c') {
      const confirm = row.querySelector('button[data-key="confirm"]');
      if (confirm) {
        e.preventDefault();
        confirm.click();
      }
    } else if (e.key === 'd') {
      const dismiss = row.querySelector('details.dismiss');
      if (dismiss) {
        e.preventDefault();
        dismiss.open = true;
        dismiss.querySelector('select')?.focus();
      }
    }
  });
  // The devices are redrawn after each change: the device in focus stays in focus.
  document.addEventListener('htmx:afterSettle', () => {
    const row = rows().find((r) => r.dataset.asset === current);
    if (row) show(row);
  });
})();
`;
