// The one-click example buttons.
import { byId, el } from './dom.mjs';

export function createExampleButtons(examples, onPick) {
  const groups = { valid: byId('examples-valid'), error: byId('examples-error') };
  for (const example of examples) {
    const button = el('button', {
      type: 'button',
      class: `chip chip-${example.group}`,
      text: example.label,
      dataset: { example: example.id, ...(example.code ? { code: example.code } : {}) },
    });
    button.addEventListener('click', () => onPick(example));
    groups[example.group].append(button);
  }
}
