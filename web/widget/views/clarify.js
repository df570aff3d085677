// A clarifying question (a decision of kind "clarify"): the core's question
// and its options as buttons, and always a way to a person.
import { el } from '../dom.js';

/**
 * @param {object} decision  kind "clarify": question, options [{intent, label}]
 * @param {{t: object, id: (name: string) => string, onOption: (option: object) => void, onNone: () => void}} actions
 * @returns {Node[]}
 */
export function clarifyView(decision, { t, id, onOption, onNone }) {
  const options = el('div', { class: 'options', role: 'group', 'aria-labelledby': id('question') },
    ...decision.options.map((option) => el('button', { type: 'button', class: 'option', text: option.label,
      onclick: () => onOption(option) })),
    el('button', { type: 'button', class: 'option none', text: t.noneOfThese, onclick: onNone }));
  return [el('h3', { id: id('question'), class: 'question', text: decision.question }), options];
}
