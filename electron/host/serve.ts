import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../services/demo';
import { createRuntime, defaultDataDir } from '../services/runtime';
import { ADMIN_TOKEN_FILE, isLoopbackAddress } from './admin-guard';
import { startHostProcess } from './host-process';

/**
 * `npm run serve`: run the host without Electron. Options: --port (8765), --host (127.0.0.1 or ::1: the admin
 * host serves this laptop only), --data DIR (the desktop app's data folder by default), --demo (seed a demo
 * district), --lan-port N (switch on the hall's network on 0.0.0.0:N: only the terminal and desk pages and their
 * sealed methods; off unless given, and the clerk can switch it in 设置 › 会场网络).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.YISHITAI_PORT ?? '8765' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'lan-port': { type: 'string' },
    },
  });
  const host = values.host === 'localhost' ? '127.0.0.1' : values.host.replace(/^\[|\]$/g, '');
  if (!isLoopbackAddress(host)) {
    throw new Error(
      `管理接口只能在本机监听（127.0.0.1 或 ::1），不能用 --host ${values.host}：否则会场网络上的任何设备都能管理会议。` +
        '会场的投票终端和签到台将由单独的局域网端口（--lan-port）提供，那里不提供任何管理接口。',
    );
  }
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  if (values.demo) {
    // Seeded before the host starts, on a runtime of its own (closed again), so the host opens the seeded file.
    const seeding = createRuntime(dataDir, { transport: 'http' });
    try {
      if (await seedDemo(seeding))
        console.log(
          '已生成演示数据：江北区人大、常委会、两个街道议事代表会议、鱼嘴镇人大；江北区2026年度民生实事项目全年记录和2027年度候选项目',
        );
    } finally {
      seeding.close();
    }
  }
  const staticDir = path.join(__dirname, '..', 'renderer');
  // The same start as the desktop app's host process (host-process.ts): runtime, token, admin host, hall network.
  const running = await startHostProcess({
    dataDir,
    host,
    port: Number(values.port),
    staticDir,
    ...(values['lan-port'] ? { lanPort: Number(values['lan-port']) } : {}),
  });
  const { adminUrl, token: adminToken, lanAddresses } = running.started;
  const base = adminUrl.replace('127.0.0.1', 'localhost');
  console.log(`议事台已启动：${base}/#token=${adminToken}  （数据目录：${dataDir}）`);
  console.log(
    `用上面的地址打开浏览器控制台；脚本请读取 ${path.join(dataDir, ADMIN_TOKEN_FILE)}，以 Authorization: Bearer <令牌> 调用接口。`,
  );
  if (values['lan-port']) {
    console.log(
      `会场网络已开启：代表终端 ${lanAddresses.map((a) => `${a}/t/`).join('、')}（只提供代表终端和签到台，不提供任何管理接口）`,
    );
  }
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('议事台启动失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
