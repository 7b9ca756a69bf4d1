// The few parts of jsdom the webview tests use. Declared here rather than adding @types/jsdom, so
// the test DOM costs the project one devDependency.
declare module 'jsdom' {
  export interface ConstructorOptions {
    url?: string;
    /** Left unset by the tests: nothing a payload carries may run, even inside the test DOM. */
    runScripts?: 'dangerously' | 'outside-only';
  }
  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: Window & typeof globalThis;
  }
}
