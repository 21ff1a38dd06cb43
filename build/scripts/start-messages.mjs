// What `npm start` tells the clerk, as pure functions of what happened (start.mjs does the probing and printing),
// so the wording and the choice of cause can be tested without a network or an Electron download.
// Chinese first; one line of English where a fallback happened.

const NETWORK_ERROR =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|UND_ERR|self[- ]signed|certificate|proxy/i;

/** [major, minor, patch] of "v20.20.2", "22.12.0" or ">= 22.12.0" (missing parts are 0). */
export function versionParts(text) {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(String(text ?? ''));
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

/** True when Node `version` is below the minimum in `required` (an engines range such as ">= 22.12.0"). */
export function nodeTooOld(version, required) {
  const have = versionParts(version);
  const need = versionParts(required);
  if (!have || !need) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i] < need[i];
  return false;
}

/** The first line that names an error (e.g. "TypeError: fetch failed"), not electron's own "failed to install" advice. */
export function firstErrorLine(output) {
  return String(output ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => /^[A-Za-z]*Error\b[^:]*:/.test(l) && !/failed to install correctly/.test(l));
}

/**
 * Why the Electron runtime could not be had, and what the clerk can do. `timedOut` is run()'s reason ("超过 900 秒",
 * "120 秒没有进展"); `host` is where the download goes (`mirror`: set by ELECTRON_MIRROR); `resolvable` is whether
 * that name resolved (null: not probed).
 * Returns { cause: 'network' | 'timeout' | 'node' | 'other', zh: string[], en: string }.
 */
export function electronUnavailable({
  output = '',
  timedOut = null,
  error = null,
  code = null,
  node,
  requiredNode,
  host = 'github.com',
  mirror = false,
  resolvable = null,
  elapsed = '',
}) {
  const old = nodeTooOld(node, requiredNode);
  const nodeLine = `Electron 的下载程序需要 Node ${versionParts(requiredNode)?.slice(0, 2).join('.') ?? '22'} 以上，当前是 Node ${String(node).replace(/^v/, '')}`;
  const took = elapsed ? `，用时 ${elapsed}` : '';
  const retry = mirror
    ? `联网后重新运行 npm start 即可自动下载（只需一次）；如镜像地址有误，请检查 ELECTRON_MIRROR（当前指向 ${host}）。`
    : '联网后重新运行 npm start 即可自动下载（只需一次）；网络慢时可设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ 使用国内镜像。';
  const detail =
    error?.message ?? firstErrorLine(output) ?? (String(output).trim().split(/\r?\n/).pop() || `退出码 ${code}`);

  if (timedOut) {
    return {
      cause: 'timeout',
      zh: [
        `无法下载 Electron 运行时：下载${timedOut}，已中止（网络太慢或不通${took}）。`,
        retry,
        ...(old ? [`另：${nodeLine}，如仍失败请升级到 Node 22 LTS。`] : []),
      ],
      en: 'Electron runtime download timed out (slow or no network)',
    };
  }
  if (NETWORK_ERROR.test(`${detail}\n${output}`)) {
    const why =
      resolvable === false
        ? mirror
          ? `无法解析镜像地址 ${host}（网络不可用，或 ELECTRON_MIRROR 有误）`
          : `网络不可用（无法解析 ${host}）`
        : `无法连接下载服务器 ${host}（${detail}；可能需要代理或镜像）`;
    return {
      cause: 'network',
      zh: [
        `无法下载 Electron 运行时：${why}。`,
        retry,
        ...(old ? [`另：${nodeLine}，联网后如仍失败请升级到 Node 22 LTS。`] : []),
      ],
      en:
        resolvable === false
          ? `Electron runtime could not be downloaded (no network: cannot resolve ${host})`
          : `Electron runtime could not be downloaded (cannot reach ${host})`,
    };
  }
  if (old) {
    return {
      cause: 'node',
      zh: [
        `无法获取 Electron 运行时：Node 版本过旧（${nodeLine}；错误：${detail}）。`,
        '请安装 Node 22 LTS（https://nodejs.org/zh-cn）后重新运行 npm start。',
      ],
      en: `Node ${String(node).replace(/^v/, '')} is too old for Electron's installer (needs Node ${versionParts(requiredNode)?.join('.') ?? '22'}+)`,
    };
  }
  return {
    cause: 'other',
    zh: [`无法获取 Electron 运行时：${detail}${took ? `（${took.slice(1)}）` : ''}。`],
    en: 'Electron runtime unavailable',
  };
}

/** Printed once the host is listening: where the console is, the data folder, the hall screen, how to stop. */
export function consoleReady({ url, dataDir = null, opened = false, desktopFallback = true }) {
  const origin = /^https?:\/\/[^/#]+/.exec(url)?.[0] ?? url;
  return [
    `${desktopFallback ? '已改用浏览器控制台' : '浏览器控制台'}：${url}${opened ? '（已在默认浏览器中打开）' : '（请复制到浏览器打开）'}`,
    ...(dataDir ? [`数据目录：${dataDir}`] : []),
    `会场大屏：在本机浏览器打开 ${origin}/#/projector，拖到投影屏上按 F11 全屏（管理主机只对本机开放，会场其他电脑暂不能连接）。`,
    '按 Ctrl+C 停止。Press Ctrl+C to stop.',
  ];
}
