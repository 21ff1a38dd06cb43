/**
 * The desktop app's safety rails, checked in its source text (no Electron binary runs here). A function over
 * sources, so tests/unit/electron-hardening.test.ts can feed it the real files and, to prove each rule bites, the
 * same files with one violation planted. Returns one line per violation; none means the sources pass.
 *
 * Rules (Electron's security checklist, as this app applies it):
 *  - every BrowserWindow / BrowserView / WebContentsView has a literal webPreferences with contextIsolation, sandbox
 *    and nodeIntegration: false, DevTools only unpackaged, and none of the switches that undo them;
 *  - pages get a Content-Security-Policy: the app:// handler sets the header, and the policy allows no inline or
 *    eval'd script and no plugins;
 *  - every web contents is guarded from the moment it exists (app 'web-contents-created'): navigation and redirects
 *    away prevented, window.open denied, webviews refused; the guard is installed before the first window or IPC
 *    binding; no handler anywhere allows a window or opens an external URL;
 *  - every IPC handler is the one contract binding (validated through dispatch, the sender's window checked), or
 *    one listed in IPC_EXCEPTIONS with the guards it must contain; the preload exposes functions on fixed channels,
 *    never ipcRenderer itself.
 */

export type Sources = Record<string, string>;

/** Handlers outside the contract, each with the guards its body must contain. */
export const IPC_EXCEPTIONS: Record<string, RegExp[]> = {
  // 保存为 PDF: the sender checked as in the binding, and only our own print routes loaded.
  IPC_SAVE_PDF_CHANNEL: [
    /if \(!isTrustedUrl\(event\.senderFrame\?\.url \?\? ''\)\) return/,
    /if \(typeof hash !== 'string' \|\| !isPrintHash\(hash\)\) return/,
  ],
};

/**
 * Source text with comments blanked, and unless keepStrings the insides of string and template literals too; same
 * length and offsets, so a position in one is the same position in the other.
 */
export function codeOnly(src: string, keepStrings = false): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += c + (keepStrings ? src.slice(i + 1, j) : src.slice(i + 1, j).replace(/[^\n]/g, ' ')) + c;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The text between the bracket at `open` and its match, brackets counted in code only. */
function balanced(src: string, code: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const ch = code[i]!;
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === ')' || ch === '}' || ch === ']') {
      if (stack.pop() !== ch) break;
      if (!stack.length) return src.slice(open + 1, i);
    }
  }
  return src.slice(open + 1);
}

/** Each call `name(` in the code (not in strings or comments), with its file and argument text. */
function calls(sources: Sources, name: RegExp): { file: string; at: number; match: RegExpExecArray; args: string }[] {
  const out: { file: string; at: number; match: RegExpExecArray; args: string }[] = [];
  for (const [file, src] of Object.entries(sources)) {
    const code = codeOnly(src);
    const text = codeOnly(src, true);
    const re = new RegExp(name.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const open = m.index + m[0].indexOf('(');
      if (code[m.index] !== text[m.index] || code[open] !== '(') continue; // inside a string
      // Comments gone, strings kept: what the checks below read.
      out.push({ file, at: m.index, match: m, args: balanced(text, code, open) });
    }
  }
  return out;
}

/** The first match of `re` in `text` that is code, not the inside of a string ("…setWindowOpenHandler…" is no guard). */
function find(text: string, re: RegExp): RegExpExecArray | null {
  const code = codeOnly(text);
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(text); m; m = g.exec(text)) if (code[m.index] === text[m.index]) return m;
  return null;
}
const has = (text: string, re: RegExp) => find(text, re) !== null;

const line = (src: string, at: number) => src.slice(0, at).split('\n').length;

const REQUIRED_PREFS: [RegExp, string][] = [
  [/\bcontextIsolation:\s*true\b/, 'contextIsolation: true'],
  [/\bsandbox:\s*true\b/, 'sandbox: true'],
  [/\bnodeIntegration:\s*false\b/, 'nodeIntegration: false'],
  [/\bdevTools:\s*!app\.isPackaged\b/, 'devTools: !app.isPackaged'],
];
/** Preferences that must never be switched on (true, or any string), and the ones that must never be switched off. */
const UNSAFE_WHEN_ON = [
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'webviewTag',
  'allowRunningInsecureContent',
  'experimentalFeatures',
  'enableBlinkFeatures',
];
const UNSAFE_WHEN_OFF = ['contextIsolation', 'sandbox', 'webSecurity'];
const FORBIDDEN_PREFS = new RegExp(
  `\\b(${UNSAFE_WHEN_ON.join('|')}):\\s*(true|['"\`])|\\b(${UNSAFE_WHEN_OFF.join('|')}):\\s*false\\b`,
);

function checkWindows(main: Sources, v: string[]): number {
  const windows = calls(main, /\bnew\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(/);
  for (const w of windows) {
    const where = `${w.file}:${line(main[w.file]!, w.at)} new ${w.match[1]}`;
    const code = codeOnly(w.args);
    const key = /\bwebPreferences\s*:\s*/.exec(code);
    if (!key) {
      v.push(`${where}: no webPreferences (contextIsolation, sandbox and nodeIntegration: false must be set)`);
      continue;
    }
    const start = key.index + key[0].length;
    if (w.args[start] !== '{') {
      v.push(`${where}: webPreferences is not an object literal, so it cannot be checked`);
      continue;
    }
    const prefs = balanced(w.args, code, start);
    if (/\.\.\./.test(codeOnly(prefs)))
      v.push(`${where}: webPreferences spreads another object, so it cannot be checked`);
    for (const [re, label] of REQUIRED_PREFS) if (!has(prefs, re)) v.push(`${where}: webPreferences lacks ${label}`);
    const bad = find(prefs, FORBIDDEN_PREFS);
    if (bad) v.push(`${where}: webPreferences sets ${bad[0]}`);
  }
  return windows.length;
}

function checkCsp(main: Sources, policy: string, v: string[]): void {
  const handler = calls(main, /\bprotocol\.handle\s*\(/);
  if (!handler.length) v.push('no protocol.handle for app://: pages would come from file:// without our headers');
  for (const h of handler) {
    if (!has(h.args, /headers\.set\(\s*'Content-Security-Policy',\s*CONTENT_SECURITY_POLICY\s*\)/))
      v.push(`${h.file}: the app:// handler does not set the Content-Security-Policy header`);
  }
  if (!policy) v.push('no Content-Security-Policy defined');
  const directive = (name: string) => new RegExp(`(^|;)\\s*${name}\\s+([^;]*)`).exec(policy)?.[2]?.trim();
  if (directive('default-src') !== "'self'") v.push("CSP: default-src is not 'self'");
  const script = directive('script-src') ?? directive('default-src') ?? '';
  if (/'unsafe-inline'|'unsafe-eval'|\*|data:|http:|https:/.test(script)) v.push(`CSP: script-src allows ${script}`);
  if (directive('object-src') !== "'none'") v.push("CSP: object-src is not 'none'");
  if (!directive('frame-ancestors')) v.push('CSP: no frame-ancestors');
}

function checkNavigation(main: Sources, entry: string, v: string[]): void {
  const created = calls(main, /\bapp\.on\s*\(\s*'web-contents-created'\s*,/);
  if (!created.length) v.push("no app.on('web-contents-created') guard: a new web contents would be unguarded");
  for (const c of created) {
    const body = c.args;
    const nav = find(body, /\.on\(\s*'will-navigate'\s*,\s*(\w+)\s*\)/);
    const redirect = find(body, /\.on\(\s*'will-redirect'\s*,\s*(\w+)\s*\)/);
    for (const [event, m] of [
      ['will-navigate', nav],
      ['will-redirect', redirect],
    ] as const) {
      if (!m) v.push(`${c.file}: no '${event}' guard on every web contents`);
      else if (
        !has(
          body,
          new RegExp(`const ${m[1]} = [^\\n]*=> \\{\\s*if \\(!isTrustedUrl\\(url\\)\\) e\\.preventDefault\\(\\);`),
        )
      )
        v.push(`${c.file}: the '${event}' guard does not prevent navigation away from our page`);
    }
    if (!has(body, /\.on\(\s*'will-attach-webview'\s*,\s*\(e\)\s*=>\s*e\.preventDefault\(\)\s*\)/))
      v.push(`${c.file}: webviews are not refused ('will-attach-webview')`);
    if (!has(body, /\.setWindowOpenHandler\(\s*\(\)\s*=>\s*\(\{\s*action:\s*'deny'\s*\}\)\s*\)/))
      v.push(`${c.file}: window.open is not denied (setWindowOpenHandler)`);
  }
  for (const o of calls(main, /\.setWindowOpenHandler\s*\(/))
    if (/'allow'/.test(o.args)) v.push(`${o.file}: a setWindowOpenHandler allows a window`);
  for (const o of calls(main, /\bopenExternal\s*\(/))
    v.push(`${o.file}:${line(main[o.file]!, o.at)}: shell.openExternal opens a URL outside the app`);
  // The guard is in place before anything can open a window or answer a page.
  const src = main[entry] ?? '';
  const code = codeOnly(src);
  const guard = code.indexOf('guardWebContents()');
  if (guard < 0) v.push(`${entry}: guardWebContents() is never called`);
  for (const later of ['createConsoleWindow()', 'bindIpc(', 'bindSavePdf(', 'createProjectorPort(']) {
    const at = code.indexOf(later, code.indexOf('app.whenReady()'));
    if (at >= 0 && guard > at) v.push(`${entry}: ${later} runs before guardWebContents()`);
  }
}

function checkIpc(main: Sources, preload: string, v: string[]): void {
  const registrations = calls(main, /\b(ipcMain|ipc)\.(handle|handleOnce|on|once|addListener|prependListener)\s*\(/);
  let contract = 0;
  for (const r of registrations) {
    const where = `${r.file}:${line(main[r.file]!, r.at)} ${r.match[1]}.${r.match[2]}`;
    const channel = /^\s*(\w+)\s*,/.exec(r.args)?.[1];
    if (r.match[2] !== 'handle' || !channel) {
      v.push(`${where}: IPC must be one ipc.handle on a named channel constant`);
      continue;
    }
    if (channel === 'IPC_INVOKE_CHANNEL') {
      contract++;
      if (r.file !== 'electron/main/ipc-binding.ts')
        v.push(`${where}: the contract channel is bound outside ipc-binding.ts`);
      if (!has(r.args, /const role = roleOf\(event\);\s*if \(!role\) return/))
        v.push(`${where}: the contract handler does not check the sender's window first`);
      if (!has(r.args, /return dispatch\(handlers, String\(method\), input,/))
        v.push(`${where}: the contract handler does not go through dispatch (which validates the input)`);
      continue;
    }
    const guards = IPC_EXCEPTIONS[channel];
    if (!guards) {
      v.push(
        `${where}: handler on ${channel} skips the contract's validation (bind it through bindIpc, or list it in IPC_EXCEPTIONS with its guards)`,
      );
      continue;
    }
    for (const g of guards) if (!has(r.args, g)) v.push(`${where}: handler on ${channel} lacks its guard ${g.source}`);
  }
  const binds = calls(main, /(?<!function )\bbindIpc\s*\(/).length;
  if (contract !== 1 || binds !== 1)
    v.push(`the contract is bound to IPC ${Math.max(contract, binds)} times, not once`);
  // The preload: functions on fixed channels only, never ipcRenderer (or a channel the page chooses).
  const exposed = calls({ preload }, /\bcontextBridge\.exposeInMainWorld\s*\(/);
  if (!exposed.length) v.push('preload: nothing exposed through contextBridge');
  for (const e of exposed)
    if (/\bipcRenderer\b/.test(codeOnly(e.args))) v.push('preload: ipcRenderer itself is exposed to the page');
  for (const c of calls(
    { preload },
    /\bipcRenderer\.(invoke|send|sendSync|on|once|off|removeListener|postMessage)\s*\(/,
  )) {
    if (!/^\s*IPC_[A-Z_]+\s*[,)]/.test(c.args))
      v.push(`preload: ipcRenderer.${c.match[1]} on a channel that is not a fixed IPC_ constant`);
  }
  if (/\bipcRenderer\.(send|sendSync|postMessage)\s*\(/.test(codeOnly(preload)))
    v.push('preload: ipcRenderer.send bypasses the validated invoke');
}

/**
 * All violations in the desktop sources: `main` every file under electron/main (by path), `preload` the preload
 * script, `policy` the Content-Security-Policy string the app:// handler sends.
 */
export function checkElectron(input: { main: Sources; preload: string; policy: string; entry?: string }): {
  violations: string[];
  windows: number;
} {
  const v: string[] = [];
  const windows = checkWindows(input.main, v);
  checkCsp(input.main, input.policy, v);
  checkNavigation(input.main, input.entry ?? 'electron/main/index.ts', v);
  checkIpc(input.main, input.preload, v);
  return { violations: v, windows };
}
