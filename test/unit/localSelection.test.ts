import { strict as assert } from 'node:assert';
import { ToWebviewSchema, type FromWebview, type View } from '../../src/protocol';
import { installDom, removeDom } from './helpers/dom';

// Picking an option is the webview's own business: the click shows at once and nothing is sent
// until Submit, which carries the selection. Webview modules are imported once the DOM is in.

type Practice = typeof import('../../src/webview/screens/practice');
type Mock = typeof import('../../src/webview/screens/mock');

function view(over: Record<string, unknown>): View {
  const msg = ToWebviewSchema.parse({ type: 'render', view: over });
  if (msg.type !== 'render') throw new Error('not a render');
  return msg.view;
}

const question = (id: string) => ({
  id, stem: 'Which two?', type: 'multiple', select: 2, hasCode: false,
  choices: ['A', 'B', 'C', 'D'].map((c) => ({ id: c, text: `Option ${c}` })),
});
const practiceView = (id: string, flagged = false) => view({
  screen: 'question', sessionTitle: 'Practice', kind: 'practice', index: 0, total: 3, feedbackMode: 'immediate', selected: [], submitted: false, flagged, question: question(id),
});

describe('option selection stays in the webview until Submit', () => {
  let practice: Practice;
  let mock: Mock;
  let posted: FromWebview[];
  const post = (m: FromWebview): void => void posted.push(m);
  const click = (el: HTMLElement, choice: string) => el.querySelector<HTMLInputElement>(`input[data-choice="${choice}"]`)!.click();
  const checked = (el: HTMLElement) => [...el.querySelectorAll<HTMLInputElement>('input[data-choice]')].filter((i) => i.checked).map((i) => i.dataset.choice);
  const submit = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('button[data-action="submit"]')!;

  before(async () => {
    installDom();
    // The Markdown renderer registers itself when loaded, as the panel loads it before a first question.
    await import('../../src/webview/markdown');
    practice = await import('../../src/webview/screens/practice');
    mock = await import('../../src/webview/screens/mock');
  });
  after(removeDom);
  beforeEach(() => (posted = []));

  it('shows picks at once, sends nothing per pick, keeps the limit, and Submit carries them', () => {
    const v = practiceView('q-local-1');
    if (v.screen !== 'question') throw new Error(v.screen);
    const el = practice.practiceScreen(v, post);
    document.body.append(el);
    assert.equal(submit(el).disabled, true);
    click(el, 'C');
    click(el, 'A');
    click(el, 'D'); // a third pick in a "select two" question is not taken
    assert.deepEqual(checked(el), ['A', 'C']);
    assert.deepEqual([...el.querySelectorAll('.choice.selected input')].map((i) => (i as HTMLInputElement).value), ['A', 'C']);
    assert.deepEqual(posted, [], 'no message per pick');
    assert.equal(submit(el).disabled, false);
    click(el, 'C'); // unpick
    assert.equal(submit(el).disabled, true);
    click(el, 'B');
    submit(el).click();
    assert.deepEqual(posted, [{ type: 'submit', questionId: 'q-local-1', selected: ['A', 'B'] }]);
    el.remove();
  });

  it('a redraw of the same question (after a flag) keeps the picks; another question starts clean', () => {
    const show = (v: View) => {
      if (v.screen !== 'question') throw new Error(v.screen);
      const el = practice.practiceScreen(v, post);
      document.body.replaceChildren(el);
      return el;
    };
    click(show(practiceView('q-local-2')), 'D');
    assert.deepEqual(checked(show(practiceView('q-local-2', true))), ['D']);
    assert.deepEqual(checked(show(practiceView('q-local-3'))), []);
    document.body.replaceChildren();
  });

  it('in a mock, a pick shows at once and is told to the extension, which keeps mock answers', () => {
    const v = view({
      screen: 'mock', mockId: 'm1', blueprintTitle: 'Current', index: 0, total: 2, question: question('q-mock'), selected: ['B'], flagged: false,
      map: [{ answered: true, flagged: false }, { answered: false, flagged: false }], remainingMs: 60_000, endsAt: 1, paused: false, canPause: false,
    });
    if (v.screen !== 'mock') throw new Error(v.screen);
    const clock = new mock.MockClock();
    const el = mock.mockScreen(v, post, clock);
    clock.stop();
    document.body.replaceChildren(el);
    click(el, 'D');
    assert.deepEqual(checked(el), ['B', 'D']);
    assert.deepEqual(posted, [{ type: 'mockSelect', questionId: 'q-mock', choice: 'D' }]);
    document.body.replaceChildren();
  });
});
