// Builds DOM nodes from values. Strings always become text nodes and attribute values, never markup:
// nothing the API returns is ever parsed as HTML.

/**
 * h('p', {class: 'note', 'aria-live': 'polite', onclick: fn}, 'text', node, [more], null)
 * Attributes: true sets an empty attribute, false/null/undefined leaves it out; on* functions are listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends strings (as text), nodes and nested arrays; skips null, undefined and false. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Sets the text of a node (the only way values reach the page). */
export function text(node, value) {
  node.textContent = value === null || value === undefined ? '' : String(value);
  return node;
}

let ids = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Tells screen reader users what just happened (the polite live region in index.html). */
export function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A separate task, so that the same message twice is still read.
  window.setTimeout(() => { region.textContent = message; }, 50);
}
