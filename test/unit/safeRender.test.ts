import { strict as assert } from 'node:assert';
import { ToWebviewSchema, type FromWebview, type View } from '../../src/protocol';
import { installDom, removeDom } from './helpers/dom';

// The panel must never freeze or go blank on a question it cannot format: buildSafely (used by
// main.ts for every render) rebuilds the screen with Markdown as plain text and a notice, and if
// even that fails, shows a screen with a way back. Webview modules are imported once the DOM is in.

type Markdown = typeof import('../../src/webview/markdown');
type Practice = typeof import('../../src/webview/screens/practice');
type SafeRender = typeof import('../../src/webview/safeRender');

const STEM = 'Marker **HOSTILE** <img src=x onerror="window.__pwned=1"> and `code`';
const OPTION = 'An option with <b onmouseover="window.__pwned=2">bold HTML</b>';

/** A practice question, answered but not yet submitted (so Submit is enabled), through the render message's schema. */
function questionView(over: { stem?: string; docs?: string[]; submitted?: boolean } = {}): View {
  const submitted = over.submitted ?? false;
  const msg = ToWebviewSchema.parse({
    type: 'render',
    view: {
      screen: 'question', sessionTitle: 'Practice', kind: 'practice', index: 0, total: 3, feedbackMode: 'immediate', selected: ['A'], submitted, flagged: false,
      question: { id: 'hostile', stem: over.stem ?? STEM, choices: [{ id: 'A', text: OPTION }, { id: 'B', text: 'A plain *wrong* option' }], type: 'single', select: 1, hasCode: false },
      ...(submitted ? { feedback: { correct: true, keys: ['A'], explanations: { A: 'Why.', B: 'Why not.' }, docs: over.docs ?? [] } } : {}),
    },
  });
  if (msg.type !== 'render') throw new Error('not a render');
  return msg.view;
}

describe('the panel falls back instead of freezing (buildSafely)', () => {
  let markdown: Markdown;
  let practice: Practice;
  let safe: SafeRender;
  let posted: FromWebview[];
  const post = (m: FromWebview): void => void posted.push(m);
  const screen = (v: View): HTMLElement => {
    if (v.screen !== 'question') throw new Error(`unexpected screen ${v.screen}`);
    return practice.practiceScreen(v, post);
  };
  const button = (el: HTMLElement, text: string): HTMLButtonElement | undefined => [...el.querySelectorAll('button')].find((b) => b.textContent?.includes(text));

  before(async () => {
    installDom();
    markdown = await import('../../src/webview/markdown');
    practice = await import('../../src/webview/screens/practice');
    safe = await import('../../src/webview/safeRender');
  });
  after(removeDom);
  beforeEach(() => { posted = []; });

  it('draws the screen as built when nothing throws', () => {
    const el = safe.buildSafely(questionView(), screen, post);
    assert.deepEqual(posted, []);
    assert.equal(el.querySelector('.banner.warning'), null);
    assert.ok(el.querySelector('.stem strong'), 'Markdown rendered');
    assert.equal(el.querySelector('.stem img'), null, 'sanitized');
  });

  it('rebuilds with Markdown as plain text and a notice when the renderer throws, and the buttons still work', () => {
    // A renderer that chokes on this question: it throws whenever Markdown is rendered, not when it is plain text.
    const choking = (v: View): HTMLElement => {
      const el = screen(v);
      if (el.querySelector('.md:not(.plain)')) throw new Error('renderer failed');
      return el;
    };
    const el = safe.buildSafely(questionView(), choking, post);
    assert.deepEqual(posted, [{ type: 'renderError', screen: 'question', questionId: 'hostile', message: 'renderer failed' }]);
    const notice = el.firstElementChild;
    assert.ok(notice && notice.matches('.banner.warning[role=alert]'), 'the notice comes first');
    assert.match(notice.textContent ?? '', /could not be formatted, so it is shown as plain text/);
    // The text as text: the markup is visible, nothing of it is an element.
    const stem = el.querySelector('.stem');
    assert.ok(stem && stem.classList.contains('plain'));
    assert.equal(stem.textContent, STEM);
    assert.equal(stem.children.length, 0);
    const labels = [...el.querySelectorAll('.choice-label .md')];
    assert.deepEqual(labels.map((l) => l.textContent), [OPTION, 'A plain *wrong* option']);
    assert.equal(el.querySelectorAll('img, script, b, strong, [onerror], [onmouseover]').length, 0);
    // Every control is there and posts its intent.
    assert.equal(el.querySelectorAll('input[data-choice]').length, 2);
    for (const text of ['Submit', 'Skip', 'Flag', 'End set', 'Home']) assert.ok(button(el, text), `${text} button`);
    button(el, 'Submit')!.click();
    button(el, 'Skip')!.click();
    assert.deepEqual(posted.slice(1), [{ type: 'submit', questionId: 'hostile', selected: ['A'] }, { type: 'next' }]);
    // Plain text was for that one build: the next render formats Markdown again.
    assert.ok(markdown.markdownElement('**back**').querySelector('strong'));
  });

  it('shows a screen with a way back when even plain text cannot be drawn', () => {
    // A view damaged after validation (its options gone) makes the card throw however Markdown is drawn.
    const broken = questionView({ submitted: true });
    (broken as unknown as { question: { choices: unknown } }).question.choices = null;
    const el = safe.buildSafely(broken, screen, post);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.type, 'renderError');
    assert.ok(el.matches('section.screen.empty[role=alert]'));
    assert.match(el.textContent ?? '', /This screen could not be drawn: \S.+/);
    const back = button(el, 'Back to the start');
    assert.ok(back && back.hasAttribute('data-autofocus'), 'the way back takes the focus');
    back.click();
    assert.deepEqual(posted[1], { type: 'show', screen: 'home' });
    assert.ok(markdown.markdownElement('*again*').querySelector('em'), 'plain text is switched off again');
  });

  it('draws a question nested deeper than the Markdown parser can follow, without freezing', () => {
    // 15,000 nested quotes, within the 20,000 characters a field may hold: marked recurses once per
    // level. Whether it copes or throws, the learner gets the question and the buttons, quickly.
    const stem = `${'>'.repeat(15_000)} DEEP-STEM`;
    const t = performance.now();
    const el = safe.buildSafely(questionView({ stem }), screen, post);
    const ms = performance.now() - t;
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    assert.match(el.querySelector('.stem')?.textContent ?? '', /DEEP-STEM/);
    assert.ok(button(el, 'Submit'));
    const threw = posted.some((m) => m.type === 'renderError');
    assert.equal(!!el.querySelector('.banner.warning'), threw, 'the notice shows exactly when it fell back');
    console.log(`      safe render: ${stem.length}-character nested quote ${threw ? 'fell back to plain text' : 'rendered'} in ${ms.toFixed(0)} ms`);
  });
});
