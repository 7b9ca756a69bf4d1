// The integration suites' entry point, in the shape @vscode/test-electron loads through
// extensionTestsPath: run() resolves when mocha passes and rejects when it fails. The same bundle
// runs in code-server's extension host (test/runner/runIntegration.mjs) and in desktop VS Code
// (test/runner/runDesktop.mjs). MLAP_TEST_PHASE picks the phase of a multi-launch scenario.
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { registerExamDateSuite } from './examDate.suite';
import { registerFaultsSuite } from './faults.suite';
import { registerHoverSuite } from './hover.suite';
import { registerPerfSuite } from './perf.suite';
import { registerPlanSuite } from './plan.suite';
import { registerProgressSuite } from './progress.suite';
import { registerTrapsSuite, registerWorkspaceUsageSuite } from './traps.suite';

export function run(): Promise<void> {
  const phase = process.env.MLAP_TEST_PHASE ?? 'main';
  console.log(`integration: phase "${phase}" in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  if (phase === 'main') {
    registerHoverSuite();
    registerTrapsSuite();
    registerPlanSuite('write');
    registerProgressSuite('write');
    registerExamDateSuite();
  } else if (phase === 'reload') {
    registerPlanSuite('verify');
    registerProgressSuite('verify');
  } else if (phase === 'fresh-import') {
    registerProgressSuite('import');
    registerFaultsSuite('hostile-import');
  } else if (phase === 'corrupt-write') {
    registerProgressSuite('corrupt');
  } else if (phase === 'corrupt-verify') {
    registerProgressSuite('recovered');
  } else if (phase === 'perf') {
    registerPerfSuite();
  } else if (phase === 'demo') {
    registerWorkspaceUsageSuite();
  } else if (phase === 'kill' || phase === 'killed' || phase === 'two-windows' || phase === 'two-windows-verify') {
    registerFaultsSuite(phase);
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // The runner checks for this line: a crashed extension host also reports exit code 0.
      console.log(`integration: suites finished, ${failures} failing`);
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
