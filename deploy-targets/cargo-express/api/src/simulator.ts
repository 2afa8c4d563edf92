import { parseArgs } from 'node:util';
import { runSimulator } from './simulator/run-simulator.ts';

const { values } = parseArgs({
  options: {
    api: { type: 'string', default: process.env.CARGO_EXPRESS_API },
    every: { type: 'string', default: '3' },
    count: { type: 'string' },
    username: { type: 'string', default: process.env.SIMULATOR_USERNAME ?? 'demo' },
    password: { type: 'string', default: process.env.SIMULATOR_PASSWORD ?? 'demo-password' },
  },
});
const every = Number(values.every);
const count = values.count === undefined ? undefined : Number(values.count);
if (!values.api || !Number.isFinite(every) || every <= 0 || (count !== undefined && !(count > 0))) {
  console.error(
    'usage: npm run simulate -- --api http://localhost:8000 [--every 3] [--count N] [--username demo] [--password …]',
  );
  process.exit(2);
}
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
try {
  const sent = await runSimulator({
    api: values.api,
    everySeconds: every,
    count,
    username: values.username!,
    password: values.password!,
    signal: controller.signal,
    log: (line) => console.log(line),
  });
  console.log(`simulator: sent ${sent} order(s)`);
} catch (error) {
  console.error(`simulator: ${(error as Error).message}`);
  process.exitCode = 1;
}
