import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../services/demo';
import { createRuntime, defaultDataDir } from '../services/runtime';
import { createHost } from './server';

/**
 * `npm run serve`: run the host without Electron. Options: --port (8765), --host (127.0.0.1; use 0.0.0.0 to
 * serve LAN terminals), --data DIR (the desktop app's data folder by default), --demo (seed a demo district).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.YISHITAI_PORT ?? '8765' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const rt = createRuntime(dataDir, { transport: 'http' });
  if (values.demo && (await seedDemo(rt))) console.log('已生成演示数据：江北区人大、常委会、两个街道议事代表会议、鱼嘴镇人大');
  const app = await createHost(rt, { staticDir: path.join(__dirname, '..', 'renderer') });
  const address = await app.listen({ port: Number(values.port), host: values.host });
  console.log(`议事台已启动：${address.replace('127.0.0.1', 'localhost')}  （数据目录：${dataDir}）`);
  const stop = async () => {
    await app.close();
    rt.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('议事台启动失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
