// Building DOM nodes, for every part of the widget: el() makes an element
// from a tag, attributes and children. Text always goes in as textContent
// (the `text` attribute), so nothing a customer or a host typed is parsed as
// HTML; the only HTML the widget shows is set by views/article.js.

/**
 * el('button', {type: 'button', class: 'topic', text: 'Refunds', onclick}, ...children)
 * Attributes that are undefined, null or false are left out; true sets an
 * empty attribute; `class` is the className, `text` the textContent, and
 * `on<event>` adds a listener. Children that are undefined, null or false are skipped.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null && child !== false));
  return node;
}
