import { strict as assert } from 'node:assert';
import { TO_WEBVIEW_TYPES } from '../../src/protocolLimits';
import { ToWebviewSchema } from '../../src/protocol';
import { fromExtension } from '../../src/webview/inbox';

// The webview no longer parses what it receives with zod (its bundle carries none): it takes a
// message by its kind. These keep that check in step with the protocol and tight on strangers.
describe('webview inbox', () => {
  it('takes the extension\'s messages', () => {
    const render = { type: 'render', view: { screen: 'empty', title: 'T', message: 'M' } };
    assert.ok(ToWebviewSchema.safeParse(render).success);
    assert.equal(fromExtension(render), render);
    assert.deepEqual(fromExtension({ type: 'focus' }), { type: 'focus' });
  });

  it('knows every kind the protocol has, and no other', () => {
    const kinds = ToWebviewSchema.def.options.map((o) => o.def.shape.type.def.values[0]).sort();
    assert.deepEqual([...TO_WEBVIEW_TYPES].sort(), kinds);
  });

  it('ignores anything else posted to the window', () => {
    for (const m of [undefined, null, 'render', 42, [], {}, { type: 'Render' }, { type: 'other' }, { type: 'render' }, { type: 'render', view: null }, { type: 'render', view: {} }, { type: 'render', view: { screen: 3 } }]) {
      assert.equal(fromExtension(m), undefined, JSON.stringify(m));
    }
  });
});
