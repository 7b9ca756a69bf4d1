import type { SetupView } from '../../protocol';
import { h, icon } from '../dom';
import type { Post } from '../post';

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

export function setupScreen(v: SetupView, post: Post): HTMLElement {
  const checked = (list: string[] | undefined, id: string) => !!list?.includes(id);
  const domainBoxes = v.domains.map((d) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'domain', value: d.id, checked: checked(v.preset?.domains, d.id) }), ` ${d.title} `, h('span', { class: 'muted' }, `(${d.questions})`)));
  const objectiveGroups = v.domains.map((d) => {
    const objs = v.objectives.filter((o) => o.domain === d.id);
    if (!objs.length) return null;
    return h('details', { class: 'objective-group', open: objs.some((o) => checked(v.preset?.objectives, o.id)) },
      h('summary', {}, d.title),
      ...objs.map((o) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'objective', value: o.id, checked: checked(v.preset?.objectives, o.id) }), ` ${o.id} ${o.title} `, h('span', { class: 'muted' }, `(${o.questions})`))));
  });
  const symbolSelect = h('select', { name: 'symbol', multiple: true, size: 6, 'aria-label': 'API symbols' },
    ...v.symbols.map((s) => h('option', { value: s.id, selected: checked(v.preset?.symbols, s.id) }, `${s.id} (${s.questions})`)));
  const form = h('form', { class: 'setup-form' },
    h('fieldset', {}, h('legend', {}, 'Domains (none = all in the blueprint)'), ...domainBoxes),
    h('fieldset', {}, h('legend', {}, 'Objectives (optional)'), ...objectiveGroups),
    h('fieldset', {}, h('legend', {}, 'APIs (optional)'), symbolSelect),
    h('fieldset', { class: 'row' }, h('legend', {}, 'Difficulty (none = all)'),
      ...DIFFICULTIES.map((d) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'difficulty', value: d }), ` ${d}`))),
    h('fieldset', { class: 'row' }, h('legend', {}, 'Order'),
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'order', value: 'random', checked: v.defaults.order === 'random' }), ' Random'),
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'order', value: 'in-order', checked: v.defaults.order === 'in-order' }), ' In order')),
    h('fieldset', { class: 'row' }, h('legend', {}, 'Feedback'),
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'feedback', value: 'immediate', checked: v.defaults.feedback === 'immediate' }), ' After each answer'),
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'feedback', value: 'end', checked: v.defaults.feedback === 'end' }), ' At the end of the set')),
    h('label', { class: 'size' }, 'Questions in the set ', h('input', { type: 'number', name: 'size', min: 1, max: 500, value: v.defaults.size })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', 'data-autofocus': '1' }, icon('play'), ' Start'),
      h('button', { type: 'button', class: 'secondary', onclick: () => post({ type: 'show', screen: 'home' }) }, 'Cancel')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const all = (name: string) => data.getAll(name).map(String);
    const size = Math.min(500, Math.max(1, Number(data.get('size')) || v.defaults.size));
    post({
      type: 'startPractice', domains: all('domain'), objectives: all('objective'),
      symbols: Array.from(symbolSelect.selectedOptions).map((o) => o.value),
      difficulties: all('difficulty').filter((d): d is (typeof DIFFICULTIES)[number] => (DIFFICULTIES as readonly string[]).includes(d)),
      order: data.get('order') === 'in-order' ? 'in-order' : 'random', size,
      feedback: data.get('feedback') === 'end' ? 'end' : 'immediate',
    });
  });
  return h('section', { class: 'screen setup', 'aria-label': 'Practice set' }, h('h2', {}, 'Practice'), h('p', { class: 'muted' }, v.blueprint.title), form);
}
