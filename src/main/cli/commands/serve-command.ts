import type { Command } from 'commander';
import { runAction, WINDOW_ENGINE } from '../command-runner';
import { parsePort } from '../parse';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run headless: background sync, and the window + API on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', parsePort, 0)
    .option('--json', 'print the window URL as the JSON line {"url": "…"}')
    .action(
      runAction(async ({ app, early }, opts: { port: number }) => {
        // The HTTP server and its routes load only for this command.
        const { serve } = await import('../../server/serve');
        await serve(app, {
          port: opts.port,
          onListening: (url) =>
            early(
              { url },
              `${url}\ncalsync is running: open the link above (it holds the window's access token; keep it private). Stop with Ctrl-C.`,
            ),
        });
        return { json: undefined, text: 'calsync stopped.' };
      }, WINDOW_ENGINE),
    );
}
