import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanNode } from '../../src/core/plan';
import { api } from './helpers';

const ITEM = 'w1.ml-cluster';

async function roots(): Promise<PlanNode[]> {
  return (await api()).plan.getChildren();
}

async function find(id: string): Promise<PlanNode> {
  const stack = await roots();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...(n.children ?? []));
  }
  throw new Error(`no tree item ${id}`);
}

/** The study plan tree through its real TreeDataProvider: items, checkboxes, progress, blueprint. */
export function registerPlanSuite(mode: 'write' | 'verify'): void {
  describe(`study plan tree (${mode})`, () => {
    if (mode === 'write') {
      it('shows what next, the six weeks and the current guide\'s four domains', async () => {
        const [next, plan, domains] = await roots();
        assert.equal(next!.kind, 'next');
        assert.equal(plan!.children!.length, 6);
        assert.match(plan!.children![0]!.label, /^Week 1/);
        assert.match(domains!.label, /Official exam guide \(1 Mar 2025\)/);
        assert.deepEqual(domains!.children!.map((d) => d.label), ['Databricks Machine Learning (38 %)', 'Data Processing (19 %)', 'Model Development (31 %)', 'Model Deployment (12 %)']);
        for (const d of domains!.children!) assert.match(String((await api()).plan.getTreeItem(d).description), /^\d+\/\d+ · ready \d+ %/);
      });

      it('ticks an item: the checkbox is checked and the week counts it', async () => {
        const { store, plan } = await api();
        const before = await find('w1');
        await store.apply({ t: 'tick', id: ITEM, tick: { checked: true, at: Date.now(), by: 'user' } });
        const item = plan.getTreeItem(await find(ITEM));
        assert.equal(item.checkboxState && typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState, vscode.TreeItemCheckboxState.Checked);
        const done = (n: PlanNode) => Number(/^(\d+)\//.exec(String(n.description))![1]);
        assert.equal(done(await find('w1')), done(before) + 1);
      });

      it('follows the blueprint setting', async () => {
        const config = vscode.workspace.getConfiguration('mlAssociatePrep');
        await config.update('blueprint', 'old', vscode.ConfigurationTarget.Global);
        try {
          const domains = (await roots())[2]!;
          assert.match(domains.label, /2022\/2023/);
          assert.ok(domains.children!.some((d) => d.label.startsWith('Spark ML')));
        } finally {
          await config.update('blueprint', undefined, vscode.ConfigurationTarget.Global);
        }
      });
    } else {
      it('keeps the tick after a reload', async () => {
        const item = (await api()).plan.getTreeItem(await find(ITEM));
        assert.equal(item.checkboxState && typeof item.checkboxState === 'object' ? item.checkboxState.state : item.checkboxState, vscode.TreeItemCheckboxState.Checked);
      });
    }
  });
}
