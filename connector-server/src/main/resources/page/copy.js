// Copy buttons and copyable blocks (URLs, External IDs, policy snippets).

import { announce, h, text, uid } from './dom.js';

/** A "Copy" button for what `source` (an input or an element) holds; says whether it worked. */
export function copyButton(source, what) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', async () => {
    const value = 'value' in source ? source.value : source.textContent;
    try {
      await navigator.clipboard.writeText(value);
      text(status, 'Copied');
      announce(`Copied ${what}.`);
    } catch (e) {
      if (source.select) source.select();
      else window.getSelection().selectAllChildren(source);
      text(status, 'Selected: press Ctrl+C (⌘C on a Mac) to copy');
    }
  });
  return h('span', { class: 'copy' }, button, status);
}

/** A read-only value with a label and a copy button. */
export function copyableValue(label, value, attributes = {}) {
  const id = uid('copy');
  const input = h('input', { id, type: 'text', readonly: true, class: 'copy-value', spellcheck: 'false', ...attributes });
  input.value = value;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('div', { class: 'copy-row' }, input,
    copyButton(input, label.toLowerCase())));
}

/** A block of code (a policy, a command) with a copy button; scrolls by itself on a narrow screen. */
export function copyableBlock(label, code) {
  const id = uid('block');
  const block = h('pre', { tabindex: '0', 'aria-labelledby': id, class: 'code' }, h('code', {}, code));
  return h('div', { class: 'code-field' },
    h('div', { class: 'code-head' }, h('span', { id, class: 'code-label' }, label), copyButton(block, label.toLowerCase())),
    block);
}
