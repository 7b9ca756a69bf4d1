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
  // About 180 APIs: a list of checkboxes with a filter above it (type part of a name), rather than
  // a multi-select that needs Ctrl-click.
  const symbolRows = v.symbols.map((s) => h('label', { class: 'check', 'data-name': s.id.toLowerCase() },
    h('input', { type: 'checkbox', name: 'symbol', value: s.id, checked: checked(v.preset?.symbols, s.id) }), ' ', h('code', {}, s.id), ' ', h('span', { class: 'muted' }, `(${s.questions})`)));
  const symbolList = h('div', { class: 'symbol-list', role: 'group', 'aria-label': 'APIs' }, ...symbolRows);
  const shown = h('span', { class: 'muted', 'aria-live': 'polite' }, `${symbolRows.length} APIs`);
  const symbolFilter = h('input', { type: 'search', class: 'symbol-filter', placeholder: 'Filter APIs: log_model, CrossValidator…', 'aria-label': 'Filter the APIs' });
  symbolFilter.addEventListener('input', () => {
    const words = symbolFilter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const row of symbolRows) {
      const hit = words.every((w) => row.dataset.name!.includes(w));
      row.hidden = !hit;
      if (hit) n++;
    }
    shown.textContent = `${n} of ${symbolRows.length} APIs`;
  });
  const form = h('form', { class: 'setup-form' },
    h('fieldset', {}, h('legend', {}, 'Domains (none = all in the blueprint)'), ...domainBoxes),
    h('fieldset', {}, h('legend', {}, 'Objectives (optional)'), ...objectiveGroups),
    h('fieldset', {}, h('legend', {}, 'APIs (optional)'), h('div', { class: 'row' }, symbolFilter, shown), symbolList),
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
      symbols: all('symbol'),
      difficulties: all('difficulty').filter((d): d is (typeof DIFFICULTIES)[number] => (DIFFICULTIES as readonly string[]).includes(d)),
      order: data.get('order') === 'in-order' ? 'in-order' : 'random', size,
      feedback: data.get('feedback') === 'end' ? 'end' : 'immediate',
    });
  });
  return h('section', { class: 'screen setup', 'aria-label': 'Practice set' }, h('h2', {}, 'Practice'), h('p', { class: 'muted' }, v.blueprint.title), form);
}
