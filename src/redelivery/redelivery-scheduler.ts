import { redeliverMissed, type RedeliveryDeps, type ScanResult } from './redeliver-missed.ts';

export interface RedeliveryScheduler {
  /** Runs a scan now, or waits for the one running; never two at once in this process. */
  scan(): Promise<ScanResult | undefined>;
  stop(): Promise<void>;
}

/**
 * Scans once at start and then every `intervalSeconds`. A GitHub without the deliveries API gets
 * one log line and no further scans; any other failure is logged and the next round tries again.
 */
export function startRedelivery(deps: RedeliveryDeps & { intervalSeconds: number }): RedeliveryScheduler {
  let running: Promise<ScanResult | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const scan = (): Promise<ScanResult | undefined> => {
    running ??= redeliverMissed(deps)
      .then(
        (result) => {
          if (!result.ok && result.reason === 'unsupported') {
            stopped = true;
            deps.log.warn(
              { reason: result.message },
              'this GitHub has no webhook deliveries API: missed deliveries are not redelivered automatically (redeliver them from the App settings)',
            );
          }
          return result;
        },
        (error: unknown) => {
          deps.log.warn({ err: error }, 'could not check GitHub for missed webhook deliveries; trying again next round');
          return undefined;
        },
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
    return running;
  };
  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void scan();
    }, deps.intervalSeconds * 1000);
    timer.unref();
  };

  void scan();
  return {
    scan,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
